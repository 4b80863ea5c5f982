package io.owm.benchmarks;

import io.owm.localinfra.Postgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A charge in the shape of billing's batch for one outlet, on one JDBC connection: the user's row locked, a look-up
 * (was this request charged before?), the ledger entry and the balance in one statement, COMMIT. Four round trips,
 * as billing's batch has, and a COMMIT that waits for the WAL on disk.
 */
final class ChargeTransaction implements AutoCloseable {

    private static final BigDecimal PRICE = new BigDecimal("0.000125");

    private final Connection connection;
    private final PreparedStatement lock;
    private final PreparedStatement lookUp;
    private final PreparedStatement write;

    private ChargeTransaction(Connection connection) throws SQLException {
        this.connection = connection;
        lock = connection.prepareStatement("SELECT balance FROM floor_accounts WHERE user_id = ? FOR UPDATE");
        lookUp = connection.prepareStatement("SELECT 1 FROM floor_ledger WHERE request_id = ?");
        write = connection.prepareStatement("""
                WITH entry AS (INSERT INTO floor_ledger (request_id, user_id, amount) VALUES (?, ?, ?)
                               RETURNING user_id, amount)
                UPDATE floor_accounts a SET balance = a.balance - entry.amount FROM entry
                WHERE a.user_id = entry.user_id RETURNING a.balance""");
    }

    static ChargeTransaction open(Postgres postgres, String database, int users) throws SQLException {
        Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(),
                postgres.password());
        try (Statement schema = connection.createStatement()) {
            schema.execute("CREATE TABLE floor_accounts (user_id text PRIMARY KEY, balance numeric(20, 6) NOT NULL)");
            schema.execute("""
                    CREATE TABLE floor_ledger (request_id uuid PRIMARY KEY, user_id text NOT NULL,
                        amount numeric(20, 6) NOT NULL, created_at timestamptz NOT NULL DEFAULT now())""");
            schema.execute("INSERT INTO floor_accounts SELECT 'user-' || n, 1000000 FROM generate_series(0, "
                    + (users - 1) + ") n");
        }
        connection.setAutoCommit(false);
        return new ChargeTransaction(connection);
    }

    /** Called from one thread at a time: the benchmark's, or the responder's consumer. */
    synchronized void charge(UUID requestId, String userId) throws SQLException {
        lock.setString(1, userId);
        try (ResultSet balance = lock.executeQuery()) {
            if (!balance.next()) {
                throw new IllegalStateException("No account for " + userId);
            }
        }
        lookUp.setObject(1, requestId);
        try (ResultSet charged = lookUp.executeQuery()) {
            if (charged.next()) {
                connection.rollback();
                return;
            }
        }
        write.setObject(1, requestId);
        write.setString(2, userId);
        write.setBigDecimal(3, PRICE);
        try (ResultSet balance = write.executeQuery()) {
            balance.next();
        }
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
