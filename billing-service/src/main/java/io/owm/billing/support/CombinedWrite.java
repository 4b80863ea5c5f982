package io.owm.billing.support;

import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Several INSERT and UPDATE statements of one unit of work sent to PostgreSQL as one statement, each part a
 * data-modifying CTE: one round trip instead of one per table. PostgreSQL runs every part to completion against
 * the same snapshot, so the parts must be independent of each other: no part may read what another writes, and no
 * two parts may change the same row. Parameter names are shared by all parts: a name used by two parts must mean
 * the same value, any other name must be unique.
 */
public final class CombinedWrite {

    private final StringBuilder parts = new StringBuilder();
    private final NamedValues values = new NamedValues();
    private int count;

    /**
     * Adds a statement (no trailing semicolon; RETURNING is not needed) with the values of its named parameters.
     */
    public CombinedWrite add(String statement, Map<String, Object> parameters) {
        parts.append(count == 0 ? "WITH " : ",\n").append("w").append(count).append(" AS (\n")
                .append(statement).append("\n)");
        count++;
        values.putAll(parameters);
        return this;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The one statement: every part a CTE, and a main query that only lets them run. */
    String sql() {
        return parts + "\nSELECT 1";
    }

    /** Runs every part in one statement; nothing when no part was added. */
    public Mono<Void> execute(DatabaseClient db) {
        if (isEmpty()) {
            return Mono.empty();
        }
        return values.bindTo(db.sql(sql())).then();
    }

    /** The same on JDBC, on the caller's thread (in its transaction, if it has one). */
    public void execute(NamedParameterJdbcOperations jdbc) {
        if (!isEmpty()) {
            jdbc.queryForObject(sql(), values.forJdbc(), Integer.class);
        }
    }
}
