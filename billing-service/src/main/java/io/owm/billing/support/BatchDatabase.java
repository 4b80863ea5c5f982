package io.owm.billing.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JDBC connections chat batches run their transactions on, from the Kafka consumer's own thread. A batch is a
 * few statements one after the other; a blocking driver runs them on the thread that waits for them, where the
 * reactive one handed every answer to its event loop and the result back (docs/decisions.md, "Chat batches run on
 * JDBC"). Billing's HTTP API, outbox and plans stay on R2DBC. A connection per consumer is all batches can use.
 */
public final class BatchDatabase implements AutoCloseable {

    /**
     * How long a batch waits for a connection before it fails as an outage and the consumer's back-off retries it.
     * With a connection per consumer no batch waits for another's: a wait means PostgreSQL is away, and a short one
     * keeps the retries, and Hikari's own attempts (half of it apart at most), close to when it is back.
     */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    private final HikariDataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public BatchDatabase(Settings settings, MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("billing-batches");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.connections());
        config.setMinimumIdle(settings.connections());
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // Billing starts while PostgreSQL is away, as R2DBC lets it: batches fail as an outage until it is back.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "billing-batches");
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        dataSource = new HikariDataSource(config);
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        // JdbcTransactionManager translates a failed COMMIT or ROLLBACK with an SQL state as the statements'
        // failures are, so that Failures tells an outage from a failure of the events.
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Runs the work in a transaction on this thread: committed when it returns, rolled back when it throws. A
     * caller already in one of this database's transactions takes part in it.
     */
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.execute(status -> work.get());
        } catch (TransactionSystemException ending) {
            // A COMMIT or ROLLBACK failed without an SQL state: Hikari's answer on a connection it already found
            // lost, which also replaces the statement's own failure. Never the fault of the batch's events: taken
            // for one, the batch would be dead-lettered and its charges lost, so it is an outage, retried until the
            // database answers (a retry whose COMMIT did get through is answered from the stored replies).
            throw new DataAccessResourceFailureException("The batch's transaction could not be ended", ending);
        }
    }

    /** Statements with named parameters, in the transaction of the calling thread. */
    public NamedParameterJdbcOperations jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * @param url         a JDBC URL; by default the one billing migrates with ({@code spring.flyway.url})
     * @param connections how many connections at most: one per consumer of chat events
     */
    public record Settings(String url, String username, String password, int connections) {
    }
}
