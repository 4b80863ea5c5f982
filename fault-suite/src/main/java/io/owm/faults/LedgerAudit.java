package io.owm.faults;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads billing's database, as an auditor would, to tell what was charged and whether the books add up. */
final class LedgerAudit {

    /** One CHARGE entry of the ledger. */
    record Charge(long id, String user, BigDecimal amount, BigDecimal balanceAfter, String cause, long atMillis) {
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;

    LedgerAudit(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The CHARGE entries of users whose id starts with the prefix, by user and cost (the amount negated). */
    Map<String, List<Charge>> chargesByUserAndCost(String userPrefix) throws SQLException {
        Map<String, List<Charge>> charges = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("""
                SELECT id, user_id, amount, balance_after, cause, created_at FROM ledger_entries
                WHERE reason = 'CHARGE' AND user_id LIKE ? ORDER BY id""")) {
            s.setString(1, userPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Charge charge = new Charge(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getString(5), rs.getTimestamp(6).getTime());
                    charges.computeIfAbsent(key(charge.user(), charge.amount().negate()), k -> new ArrayList<>())
                            .add(charge);
                }
            }
        }
        return charges;
    }

    static String key(String user, BigDecimal cost) {
        return user + "|" + cost.stripTrailingZeros().toPlainString();
    }

    /**
     * Waits until every outlet that must be charged has a charge, and answers how long that took; the database may
     * be away meanwhile (the scenario that stops it), which only means "not yet".
     */
    Duration awaitCharged(Collection<SentOutlet> outlets, String userPrefix, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<SentOutlet> due = outlets.stream().filter(SentOutlet::mustBeCharged).toList();
        while (true) {
            try {
                Map<String, List<Charge>> charges = chargesByUserAndCost(userPrefix);
                if (due.stream().allMatch(o -> charges.containsKey(key(o.user, o.expectedCost())))) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (SQLException e) {
                // PostgreSQL is still coming back: ask again.
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Pause.millis(500);
        }
    }

    /** Users whose balance is not the sum of their ledger entries. */
    long balancesNotEqualToLedgers() throws SQLException {
        return count("""
                SELECT count(*) FROM users u
                WHERE u.balance <> (SELECT COALESCE(sum(l.amount), 0) FROM ledger_entries l WHERE l.user_id = u.id)""");
    }

    /** Entries whose balance_after is not the running sum of the user's entries up to them. */
    long entriesBreakingTheRunningSum() throws SQLException {
        return count("""
                SELECT count(*) FROM (
                    SELECT balance_after, sum(amount) OVER (PARTITION BY user_id ORDER BY id) AS running
                    FROM ledger_entries) e
                WHERE e.balance_after <> e.running""");
    }

    /** Stored outcomes of charged requests (the dedupe table) of users with the prefix. */
    long processedCharges(String userPrefix) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM processed_requests WHERE reply_type = 'ChatCharged' AND user_id LIKE ?")) {
            s.setString(1, userPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long usersWithIdsLongerThan(int length) throws SQLException {
        return count("SELECT count(*) FROM users WHERE length(id) > " + length);
    }

    /** Users billing knows whose id starts with the prefix. */
    long users(String userPrefix) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM users WHERE id LIKE ?")) {
            s.setString(1, userPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many allowance entries each user of the prefix has per cause ({@code plan:period}), as "user|cause". */
    Map<String, Long> allowances(String userPrefix) throws SQLException {
        Map<String, Long> grants = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("""
                SELECT user_id, cause, count(*) FROM ledger_entries
                WHERE reason = 'ALLOWANCE' AND user_id LIKE ? GROUP BY user_id, cause""")) {
            s.setString(1, userPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    grants.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return grants;
    }

    /** Amounts of the holds still open, by user: inlets whose outlet has not been charged. */
    Map<String, BigDecimal> openHolds(String userPrefix) throws SQLException {
        Map<String, BigDecimal> open = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT user_id, amount FROM holds WHERE settled_by IS NULL AND user_id LIKE ?")) {
            s.setString(1, userPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    open.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
                }
            }
        }
        return open;
    }

    Map<String, BigDecimal> balances(String userPrefix) throws SQLException {
        Map<String, BigDecimal> balances = new HashMap<>();
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT id, balance FROM users WHERE id LIKE ?")) {
            s.setString(1, userPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    balances.put(rs.getString(1), rs.getBigDecimal(2));
                }
            }
        }
        return balances;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
