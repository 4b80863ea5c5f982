package io.owm.billing.kafka;

import io.owm.support.web.Causes;
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
        return Causes.anyIs(failure, TransientDataAccessException.class, DataAccessResourceFailureException.class,
                CannotCreateTransactionException.class, R2dbcTransientException.class,
                R2dbcNonTransientResourceException.class, IOException.class, TimeoutException.class,
                RetriableException.class);
    }
}
