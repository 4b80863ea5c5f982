package io.owm.support.kafka;

import java.util.Set;

/**
 * Tells an outage (database or broker away for a while) from a failure of the record itself. An outage is retried
 * for as long as it lasts: sending a valid charge to the dead-letter topic because PostgreSQL restarted would lose
 * it. Matched by class name along each cause's type hierarchy, so that a service without a database (the gateway)
 * needs none of the database's classes.
 */
public final class Failures {

    private static final Set<String> TRANSIENT = Set.of(
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "io.r2dbc.spi.R2dbcTransientException",
            "io.r2dbc.spi.R2dbcNonTransientResourceException",
            "java.io.IOException",
            "java.util.concurrent.TimeoutException",
            "org.apache.kafka.common.errors.RetriableException");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
