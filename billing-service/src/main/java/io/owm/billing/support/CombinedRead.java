package io.owm.billing.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several look-ups of one unit of work sent to PostgreSQL as one statement: one round trip instead of one per
 * look-up (the driver sends a statement with parameters only once the one before it is answered). Each part is a
 * SELECT whose rows come back as one JSON array, a column of the statement's only row. All parts read one snapshot,
 * taken when the statement starts.
 *
 * <p>JSON has no exact decimals: a part selects a {@code numeric} as text ({@code amount::text AS amount}) and
 * reads it with {@link JsonRow#decimal}. Timestamps arrive as ISO 8601 text. Parameter names are shared by all
 * parts as in {@link CombinedWrite}.
 */
public final class CombinedRead {

    private final List<String> columns = new ArrayList<>();
    private final List<Function<List<JsonRow>, ?>> results = new ArrayList<>();
    private final NamedValues values = new NamedValues();

    /**
     * A part's result once the statement has run; {@link Results#of} gives it. A part belongs to the read that
     * made it: another read's results would answer another look-up's rows under its index.
     */
    public static final class Part<T> {

        private final CombinedRead read;
        private final Function<Results, T> value;

        private Part(CombinedRead read, Function<Results, T> value) {
            this.read = read;
            this.value = value;
        }

        /** A result made of this part's and another part's of the same read. */
        public <U, R> Part<R> with(Part<U> other, BiFunction<T, U, R> combine) {
            if (other.read != read) {
                throw new IllegalArgumentException("Parts of two reads cannot be combined");
            }
            return new Part<>(read, results -> combine.apply(value.apply(results), other.value.apply(results)));
        }
    }

    /** The results of every part. */
    public static final class Results {

        private final CombinedRead read;
        private final List<Object> values;

        private Results(CombinedRead read, List<Object> values) {
            this.read = read;
            this.values = values;
        }

        public <T> T of(Part<T> part) {
            if (part.read != read) {
                throw new IllegalArgumentException("A part of another read");
            }
            return part.value.apply(this);
        }

        private Object at(int index) {
            return values.get(index);
        }
    }

    /** Adds a look-up (no trailing semicolon) whose rows {@code result} turns into the part's result. */
    public <T> Part<T> add(String select, Map<String, Object> parameters, Function<List<JsonRow>, T> result) {
        return add(select, null, parameters, result);
    }

    /**
     * Adds a look-up whose rows must keep an order: {@code orderBy} sorts them by the part's own columns, written
     * {@code p.column} (the order of a subquery's rows does not survive aggregation).
     */
    public <T> Part<T> add(String select, String orderBy, Map<String, Object> parameters,
            Function<List<JsonRow>, T> result) {
        values.putAll(parameters);
        columns.add("(SELECT coalesce(json_agg(p" + (orderBy == null ? "" : " ORDER BY " + orderBy)
                + "), '[]')::text FROM (\n" + select + "\n) p) AS r" + columns.size());
        results.add(result);
        int index = columns.size() - 1;
        @SuppressWarnings("unchecked")
        Part<T> part = new Part<>(this, found -> (T) found.at(index));
        return part;
    }

    /** The one statement: a row with a column per part. */
    String sql() {
        if (columns.isEmpty()) {
            throw new IllegalStateException("A combined read needs a part");
        }
        return "SELECT " + String.join(",\n", columns);
    }

    public Mono<Results> execute(DatabaseClient db, JsonMapper json) {
        return values.bindTo(db.sql(sql()))
                .map(row -> results(part -> row.get("r" + part, String.class), json))
                .one();
    }

    /** The same on JDBC, on the caller's thread (in its transaction, if it has one). */
    public Results execute(NamedParameterJdbcOperations jdbc, JsonMapper json) {
        String[] texts = jdbc.queryForObject(sql(), values.forJdbc(), (resultSet, rowNumber) -> {
            String[] columns = new String[results.size()];
            for (int part = 0; part < columns.length; part++) {
                columns[part] = resultSet.getString(part + 1);
            }
            return columns;
        });
        return results(part -> texts[part], json);
    }

    /** Each part's result from its column's text: the part's rows as a JSON array. */
    private Results results(IntFunction<String> column, JsonMapper json) {
        List<Object> found = new ArrayList<>(results.size());
        for (int part = 0; part < results.size(); part++) {
            JsonNode rows = json.readTree(column.apply(part));
            found.add(results.get(part).apply(rows.values().stream().map(JsonRow::new).toList()));
        }
        return new Results(this, found);
    }
}
