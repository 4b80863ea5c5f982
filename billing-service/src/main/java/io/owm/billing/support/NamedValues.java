package io.owm.billing.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * The named parameters of a statement made of parts: a name used by two parts must mean the same value, so a part
 * can never silently get another part's value under a name it happens to share.
 */
final class NamedValues {

    private final Map<String, Object> values = new LinkedHashMap<>();

    void putAll(Map<String, Object> parameters) {
        parameters.forEach((name, value) -> {
            Object earlier = values.putIfAbsent(name, value);
            if (earlier != null && !sameValue(earlier, value)) {
                throw new IllegalArgumentException("Parameter :" + name + " has two values");
            }
        });
    }

    GenericExecuteSpec bindTo(GenericExecuteSpec spec) {
        GenericExecuteSpec bound = spec;
        for (Map.Entry<String, Object> value : values.entrySet()) {
            bound = bound.bind(value.getKey(), value.getValue());
        }
        return bound;
    }

    /** The values for JDBC ({@link JdbcParameters}). */
    SqlParameterSource forJdbc() {
        return JdbcParameters.of(values);
    }

    private static boolean sameValue(Object one, Object other) {
        return one instanceof Object[] array && other instanceof Object[] otherArray
                ? Arrays.equals(array, otherArray)
                : one.equals(other);
    }
}
