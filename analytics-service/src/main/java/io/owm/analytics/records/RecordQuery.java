package io.owm.analytics.records;

import io.owm.analytics.web.BadParameterException;
import io.owm.analytics.web.Params;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * The filter and order of a records page or export. Values are only ever bound as parameters; the ORDER BY is
 * picked from a fixed list, so nothing the caller sends becomes SQL text (the original pasted {@code sortField}
 * into its query).
 */
record RecordQuery(List<String> users, List<String> models, Instant from, Instant to, String sortColumn,
        boolean ascending) {

    /** The sort fields the API takes, and the column each one orders by. */
    static final Map<String, String> SORT_FIELDS;

    static {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("use_time", "use_time");
        fields.put("cost", "cost");
        fields.put("input_tokens", "input_tokens");
        fields.put("output_tokens", "output_tokens");
        fields.put("balance_after", "balance_after");
        fields.put("model_name", "model_name");
        fields.put("nickname", "nickname");
        fields.put("user_id", "user_id");
        SORT_FIELDS = Map.copyOf(fields);
    }

    static RecordQuery parse(String users, String models, String startDate, String endDate, String sortField,
            String sortOrder) {
        Instant from = Params.time("startDate", startDate, false);
        Instant to = Params.time("endDate", endDate, true);
        Params.requireOrdered(from, to, "startDate", "endDate");
        return new RecordQuery(Params.list(users), Params.list(models), from, to, column(sortField),
                ascending(sortOrder));
    }

    /**
     * {@code users} matches a user id or a nickname (the original's panel filters by the names it shows);
     * {@code models} matches model ids.
     */
    String where() {
        StringBuilder where = new StringBuilder(" WHERE use_time >= :from AND use_time < :to");
        if (!users.isEmpty()) {
            where.append(" AND (user_id = ANY(:users) OR nickname = ANY(:users))");
        }
        if (!models.isEmpty()) {
            where.append(" AND model_name = ANY(:models)");
        }
        return where.toString();
    }

    /** The event id breaks ties, so pages never repeat or skip a row of equal sort values. */
    String orderBy() {
        String direction = ascending ? " ASC" : " DESC";
        return " ORDER BY " + sortColumn + direction + ", event_id" + direction;
    }

    GenericExecuteSpec bind(GenericExecuteSpec spec) {
        spec = spec.bind("from", from).bind("to", to);
        if (!users.isEmpty()) {
            spec = spec.bind("users", users.toArray(String[]::new));
        }
        if (!models.isEmpty()) {
            spec = spec.bind("models", models.toArray(String[]::new));
        }
        return spec;
    }

    private static String column(String sortField) {
        if (sortField == null || sortField.isBlank()) {
            return "use_time";
        }
        String column = SORT_FIELDS.get(sortField.trim());
        if (column == null) {
            throw new BadParameterException("sortField", "sortField must be one of "
                    + String.join(", ", SORT_FIELDS.keySet().stream().sorted().toList()) + "; got '"
                    + Params.abbreviate(sortField) + "'");
        }
        return column;
    }

    private static boolean ascending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank()) {
            return false;
        }
        return switch (sortOrder.trim().toLowerCase()) {
            case "ascend", "asc" -> true;
            case "descend", "desc" -> false;
            default -> throw new BadParameterException("sortOrder",
                    "sortOrder must be ascend or descend; got '" + Params.abbreviate(sortOrder) + "'");
        };
    }
}
