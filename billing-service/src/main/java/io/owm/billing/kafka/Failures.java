package io.owm.billing.kafka;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an outage (database or broker away for a while) from a failure of the event itself. An outage is
 * retried for as long as it lasts: sending a valid charge to the dead-letter topic because PostgreSQL restarted
 * would lose it.
 */
public final class Failures {

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException || t instanceof R2dbcTransientException
                    || t instanceof R2dbcNonTransientResourceException || t instanceof IOException
                    || t instanceof TimeoutException || t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
