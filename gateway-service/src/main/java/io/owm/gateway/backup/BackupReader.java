package io.owm.gateway.backup;

import io.owm.contracts.backup.BackupRecords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a backup in either format and checks every record before anything is imported:
 * <ul>
 *   <li>the original app's: {@code {"version":"1.0","timestamp":...,"data":{"users":[...],"model_prices":[...],
 *       "user_usage_records":[...]}}}, its tables' rows as they are;</li>
 *   <li>this system's ({@code "format":"openwebui-monitor-kafka","version":2}), written by the export: a part
 *       per owning service, each ending with the counts of its rows, which must match (a cut file is refused).</li>
 * </ul>
 */
final class BackupReader {

    static final String FORMAT = "openwebui-monitor-kafka";
    static final int VERSION = 2;
    static final String ORIGINAL = "original-1.0";

    private BackupReader() {
    }

    /** The contents, or null with {@code problems} filled. */
    static BackupContents read(JsonNode root, BackupProblems problems) {
        if (root == null || !root.isObject()) {
            problems.add("$", "a backup is a JSON object");
            return null;
        }
        if (FORMAT.equals(root.path("format").asString(""))) {
            return readOwn(root, problems);
        }
        if (root.path("data").isObject()) {
            return readOriginal(root, problems);
        }
        problems.add("$", "neither this system's backup (\"format\": \"" + FORMAT + "\") nor the original app's"
                + " ({\"version\": \"1.0\", \"data\": {...}})");
        return null;
    }

    private static BackupContents readOriginal(JsonNode root, BackupProblems problems) {
        String version = root.path("version").asString("");
        if (!version.isEmpty() && !version.startsWith("1.")) {
            problems.add("$.version", "the original app's backups are version 1.x, not " + version);
        }
        JsonNode data = root.path("data");
        List<BackupRecords.User> users = list(data, "users", "$.data.users", problems, BackupReader::user);
        List<BackupRecords.Model> models = list(data, "model_prices", "$.data.model_prices", problems,
                BackupReader::model);
        List<BackupRecords.UsageRecord> records = list(data, "user_usage_records", "$.data.user_usage_records",
                problems, (fields, index) -> usageRecord(fields, originalKey(fields)));
        unique(users, BackupRecords.User::id, "$.data.users", problems);
        unique(models, BackupRecords.Model::id, "$.data.model_prices", problems);
        unique(records, BackupRecords.UsageRecord::key, "$.data.user_usage_records", problems);
        return problems.isEmpty() ? new BackupContents(ORIGINAL, users, List.of(), models, records) : null;
    }

    private static BackupContents readOwn(JsonNode root, BackupProblems problems) {
        if (root.path("version").asInt(-1) != VERSION) {
            problems.add("$.version", "this system reads version " + VERSION + " of its backups, not "
                    + root.path("version"));
            return null;
        }
        JsonNode billing = root.path("billing");
        JsonNode catalog = root.path("catalog");
        JsonNode analytics = root.path("analytics");
        List<BackupRecords.User> users = list(billing, "users", "$.billing.users", problems, BackupReader::user);
        List<BackupRecords.LedgerEntry> ledger = list(billing, "ledger", "$.billing.ledger", problems,
                BackupReader::ledgerEntry);
        List<BackupRecords.Model> models = list(catalog, "models", "$.catalog.models", problems, BackupReader::model);
        List<BackupRecords.UsageRecord> records = list(analytics, "usage_records", "$.analytics.usage_records",
                problems, (fields, index) -> usageRecord(fields, fields.requiredText("key")));
        counted(billing, "users", users.size(), "$.billing", problems);
        counted(billing, "ledger", ledger.size(), "$.billing", problems);
        counted(catalog, "models", models.size(), "$.catalog", problems);
        counted(analytics, "usage_records", records.size(), "$.analytics", problems);
        unique(users, BackupRecords.User::id, "$.billing.users", problems);
        unique(models, BackupRecords.Model::id, "$.catalog.models", problems);
        unique(records, BackupRecords.UsageRecord::key, "$.analytics.usage_records", problems);
        return problems.isEmpty() ? new BackupContents(FORMAT + "-" + VERSION, users, ledger, models, records) : null;
    }

    /**
     * The original's record ids count from 1 in every installation: with the user and the time, a record is told
     * apart from another installation's record of the same id, and still found again in the same file.
     */
    private static String originalKey(BackupFields fields) {
        return "original:" + fields.requiredText("id") + ":" + fields.optionalText("user_id") + ":"
                + fields.optionalText("use_time");
    }

    private static BackupRecords.User user(BackupFields fields, int index) {
        return new BackupRecords.User(fields.requiredText("id"), fields.optionalText("email"),
                fields.optionalText("name"), fields.optionalText("role"),
                fields.money("balance", true, BackupFields.MONEY_DECIMALS), fields.bool("deleted"),
                fields.time("created_at", false));
    }

    private static BackupRecords.LedgerEntry ledgerEntry(BackupFields fields, int index) {
        return new BackupRecords.LedgerEntry(fields.count("id"), fields.requiredText("user_id"),
                fields.money("amount", true, BackupFields.MONEY_DECIMALS),
                fields.money("balance_after", true, BackupFields.MONEY_DECIMALS), fields.requiredText("reason"),
                fields.optionalText("cause"), fields.optionalText("actor"), fields.optionalText("note"),
                fields.time("created_at", true));
    }

    private static BackupRecords.Model model(BackupFields fields, int index) {
        return new BackupRecords.Model(fields.requiredText("id"), fields.optionalText("name"),
                fields.optionalText("base_model_id"), fields.optionalText("image_url"),
                fields.optionalText("system_prompt"),
                fields.money("input_price", false, BackupFields.PRICE_DECIMALS),
                fields.money("output_price", false, BackupFields.PRICE_DECIMALS),
                fields.money("per_msg_price", true, BackupFields.PRICE_DECIMALS), fields.time("updated_at", false));
    }

    private static BackupRecords.UsageRecord usageRecord(BackupFields fields, String key) {
        return new BackupRecords.UsageRecord(key, fields.requiredText("user_id"), fields.optionalText("nickname"),
                fields.time("use_time", true), fields.requiredText("model_name"), fields.count("input_tokens"),
                fields.count("output_tokens"), fields.money("cost", false, BackupFields.MONEY_DECIMALS),
                fields.money("balance_after", true, BackupFields.MONEY_DECIMALS));
    }

    /** A missing list is an empty one (the original omits empty tables); anything else must be a list. */
    private static <T> List<T> list(JsonNode parent, String field, String location, BackupProblems problems,
            BiFunction<BackupFields, Integer, T> reader) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(location, "must be a list");
            return List.of();
        }
        List<T> rows = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            rows.add(reader.apply(new BackupFields(node.get(i), location + "[" + i + "]", problems), i));
        }
        return rows;
    }

    private static void counted(JsonNode part, String field, int read, String location, BackupProblems problems) {
        JsonNode count = part.path("counts").path(field);
        if (!count.isIntegralNumber()) {
            problems.add(location + ".counts." + field, "is missing: the file may be cut short");
        } else if (count.longValue() != read) {
            problems.add(location + ".counts." + field, "says " + count.longValue() + " rows, the file has " + read
                    + ": the file is not whole");
        }
    }

    private static <T> void unique(List<T> rows, Function<T, String> key, String location,
            BackupProblems problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String value = key.apply(rows.get(i));
            if (value != null && !seen.add(value)) {
                problems.add(location + "[" + i + "]", "repeats " + value + ", listed before");
            }
        }
    }
}
