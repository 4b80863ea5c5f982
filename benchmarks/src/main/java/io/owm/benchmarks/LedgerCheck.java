package io.owm.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** After a run: one charge per event, the exact expected total, every balance equal to its ledger. */
final class LedgerCheck {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    LedgerCheck(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Answers a short summary for the results table; throws when any check fails, so no wrong number is printed. */
    String verify(int events, BigDecimal expectedTotal) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            long charges = single(statement, "SELECT count(*) FROM ledger_entries WHERE reason = 'CHARGE'").longValue();
            BigDecimal charged = single(statement,
                    "SELECT COALESCE(-sum(amount), 0) FROM ledger_entries WHERE reason = 'CHARGE'");
            long mismatched = single(statement, """
                    SELECT count(*) FROM (SELECT u.id FROM users u JOIN ledger_entries l ON l.user_id = u.id
                    GROUP BY u.id, u.balance HAVING u.balance <> sum(l.amount)) m
                    """).longValue();
            if (charges != events) {
                throw new IllegalStateException(charges + " charges in the ledger for " + events + " events");
            }
            if (charged.compareTo(expectedTotal) != 0) {
                throw new IllegalStateException("Charged " + charged + ", expected exactly " + expectedTotal);
            }
            if (mismatched != 0) {
                throw new IllegalStateException(mismatched + " users whose balance differs from their ledger");
            }
            return "%,d charges, total %s USD exact, balances = ledgers".formatted(charges,
                    expectedTotal.stripTrailingZeros().toPlainString());
        }
    }

    private static BigDecimal single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getBigDecimal(1);
        }
    }
}
