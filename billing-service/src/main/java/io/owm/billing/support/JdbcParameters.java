package io.owm.billing.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * Named parameters written for R2DBC, bound on JDBC, which knows fewer types: an instant becomes an
 * {@link OffsetDateTime} in UTC, and an array a PostgreSQL array of the type R2DBC sends for it, so the statements'
 * casts read both alike. Decimals and instants travel inside arrays as text, exactly as written.
 */
public final class JdbcParameters {

    private JdbcParameters() {
    }

    public static SqlParameterSource of(Map<String, Object> values) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        values.forEach((name, value) -> parameters.addValue(name, jdbcValue(value)));
        return parameters;
    }

    private static Object jdbcValue(Object value) {
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof String[] texts) {
            return new JdbcArray("text", texts);
        }
        if (value instanceof Long[] numbers) {
            return new JdbcArray("int8", numbers);
        }
        if (value instanceof Integer[] numbers) {
            return new JdbcArray("int4", numbers);
        }
        if (value instanceof BigDecimal[] decimals) {
            return new JdbcArray("numeric",
                    Arrays.stream(decimals).map(d -> d == null ? null : d.toPlainString()).toArray(String[]::new));
        }
        if (value instanceof Instant[] instants) {
            return new JdbcArray("timestamptz",
                    Arrays.stream(instants).map(i -> i == null ? null : i.toString()).toArray(String[]::new));
        }
        if (value instanceof Object[] other) {
            throw new IllegalArgumentException(
                    "No JDBC array type for " + other.getClass().getComponentType().getName());
        }
        return value;
    }

    /** An array parameter, made on the statement's own connection. */
    private static final class JdbcArray extends AbstractSqlTypeValue {

        private final String elementType;
        private final Object[] elements;

        JdbcArray(String elementType, Object[] elements) {
            this.elementType = elementType;
            this.elements = elements;
        }

        @Override
        protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
            return connection.createArrayOf(elementType, elements);
        }
    }
}
