package io.owm.billing.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import io.owm.billing.BillingServiceTest;
import io.owm.support.kafka.Failures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A batch whose database goes away mid-transaction must fail as an outage, retried until PostgreSQL is back: taken
 * for a failure of its events, it would be dead-lettered and its charges lost.
 */
class BatchDatabaseIT extends BillingServiceTest {

    @Autowired
    BatchDatabase batchDatabase;

    @Test
    void aConnectionCutMidTransactionFailsAsAnOutage() {
        RuntimeException failure = catchRuntimeException(() -> batchDatabase.inTransaction(() -> {
            Integer pid = batchDatabase.jdbc().queryForObject("SELECT pg_backend_pid()", Map.of(), Integer.class);
            db.sql("SELECT pg_terminate_backend(:pid)").bind("pid", pid).fetch().rowsUpdated().block(WAIT);
            return batchDatabase.jdbc().queryForObject("SELECT 1", Map.of(), Integer.class);
        }));

        assertThat(Failures.isTransient(failure)).as("%s", causes(failure)).isTrue();
    }

    @Test
    void aConnectionCutBeforeTheCommitFailsAsAnOutage() {
        RuntimeException failure = catchRuntimeException(() -> batchDatabase.inTransaction(() -> {
            Integer pid = batchDatabase.jdbc().queryForObject("SELECT pg_backend_pid()", Map.of(), Integer.class);
            db.sql("SELECT pg_terminate_backend(:pid)").bind("pid", pid).fetch().rowsUpdated().block(WAIT);
            return pid;
        }));

        assertThat(Failures.isTransient(failure)).as("%s", causes(failure)).isTrue();
    }

    private static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(t).append(" <- ");
        }
        return chain.toString();
    }
}
