package io.owm.billing.plan;

import io.owm.support.web.ApiException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The plans API's request bodies, checked field by field: a refusal names the field it is about. */
final class PlanRequests {

    /** Plan names go into ledger causes and URLs: short, and nothing that needs escaping. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> ROLES = Set.of("user", "admin", "pending");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    private static final int MAX_MESSAGES = 1_000_000;
    /** OpenWebUI stores group names as free text; a longer one is no name an admin typed. */
    private static final int MAX_GROUP_NAME = 255;
    private static final int MAX_GROUPS = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PlanRequests() {
    }

    static String name(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals("assignments")) {
            throw invalid("name", "A plan name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit, and not 'assignments'");
        }
        return name;
    }

    static Plan plan(String name, String body) {
        JsonNode json = object(body);
        BigDecimal amount = amount(json, "amount", "amount");
        Period period = period(json.path("period"), "period", Set.of(Period.DAY, Period.WEEK, Period.MONTH));
        AllowanceMode mode;
        try {
            mode = AllowanceMode.of(text(json.path("mode"), "mode"));
        } catch (IllegalArgumentException e) {
            throw invalid("mode", "mode must be 'reset', 'add' or 'top-up'");
        }
        ZoneId zone = zone(json.path("timezone"));
        Plan.SpendCap cap = null;
        JsonNode capJson = json.path("spendCap");
        if (!capJson.isMissingNode() && !capJson.isNull()) {
            if (!capJson.isObject()) {
                throw invalid("spendCap", "spendCap must be an object such as {\"amount\": 1, \"period\": \"day\"}");
            }
            BigDecimal capAmount = amount(capJson, "amount", "spendCap.amount");
            if (capAmount.signum() == 0) {
                throw invalid("spendCap.amount", "spendCap.amount must be above 0; leave spendCap out for no cap");
            }
            cap = new Plan.SpendCap(capAmount, period(capJson.path("period"), "spendCap.period",
                    Set.of(Period.DAY, Period.WEEK, Period.MONTH)));
        }
        Plan.MessageLimit limit = null;
        JsonNode limitJson = json.path("messageLimit");
        if (!limitJson.isMissingNode() && !limitJson.isNull()) {
            if (!limitJson.isObject()) {
                throw invalid("messageLimit",
                        "messageLimit must be an object such as {\"count\": 100, \"window\": \"day\"}");
            }
            JsonNode count = limitJson.path("count");
            if (!count.isIntegralNumber() || count.asLong() < 1 || count.asLong() > MAX_MESSAGES) {
                throw invalid("messageLimit.count", "messageLimit.count must be a whole number from 1 to "
                        + MAX_MESSAGES);
            }
            limit = new Plan.MessageLimit(count.asInt(), period(limitJson.path("window"), "messageLimit.window",
                    Set.of(Period.HOUR, Period.DAY)));
        }
        JsonNode threshold = json.path("lowBalanceThreshold");
        BigDecimal lowBalanceThreshold = threshold.isMissingNode() || threshold.isNull() ? null
                : amount(json, "lowBalanceThreshold", "lowBalanceThreshold");
        return new Plan(name(name), amount, period, mode, zone, cap, limit, lowBalanceThreshold);
    }

    /**
     * {@code {"groups": {"students": "basic"}, "roles": {"user": "basic"}, "default": "basic"}}; a plan name may be
     * null (none). Groups are OpenWebUI's group names.
     */
    static Assignments assignments(String body) {
        JsonNode json = object(body);
        Map<String, String> groups = new LinkedHashMap<>();
        JsonNode groupsJson = json.path("groups");
        if (!groupsJson.isMissingNode() && !groupsJson.isNull()) {
            if (!groupsJson.isObject()) {
                throw invalid("groups", "groups must be an object such as {\"students\": \"basic\"}");
            }
            if (groupsJson.size() > MAX_GROUPS) {
                throw invalid("groups", "At most " + MAX_GROUPS + " groups can have plans");
            }
            for (Map.Entry<String, JsonNode> group : groupsJson.properties()) {
                String groupName = group.getKey();
                if (groupName.isBlank() || groupName.length() > MAX_GROUP_NAME) {
                    throw invalid("groups", "A group name is 1 to " + MAX_GROUP_NAME + " characters, not blank");
                }
                if (!group.getValue().isNull()) {
                    groups.put(groupName, name(text(group.getValue(), "groups." + groupName)));
                }
            }
        }
        Map<String, String> roles = new LinkedHashMap<>();
        JsonNode rolesJson = json.path("roles");
        if (!rolesJson.isMissingNode() && !rolesJson.isNull()) {
            if (!rolesJson.isObject()) {
                throw invalid("roles", "roles must be an object such as {\"user\": \"basic\"}");
            }
            for (Map.Entry<String, JsonNode> role : rolesJson.properties()) {
                if (!ROLES.contains(role.getKey())) {
                    throw invalid("roles", "roles takes 'user', 'admin' and 'pending', not '" + role.getKey() + "'");
                }
                if (!role.getValue().isNull()) {
                    roles.put(role.getKey(), name(text(role.getValue(), "roles." + role.getKey())));
                }
            }
        }
        JsonNode fallback = json.path("default");
        String defaultPlan = fallback.isMissingNode() || fallback.isNull() ? null : name(text(fallback, "default"));
        return new Assignments(groups, roles, defaultPlan);
    }

    record Assignments(Map<String, String> groups, Map<String, String> roles, String defaultPlan) {
    }

    /** {@code {"plan": "basic"}} or {@code {"plan": null}}. */
    static String userPlan(String body) {
        JsonNode json = object(body);
        if (!json.has("plan")) {
            throw invalid("plan", "plan is required: a plan name, or null for none of the user's own");
        }
        return json.path("plan").isNull() ? null : name(text(json.path("plan"), "plan"));
    }

    /** {@code {"period": "2026-12"}}: a key of the plan's period. */
    static String period(String body, Plan plan) {
        String key = text(object(body).path("period"), "period");
        try {
            plan.period().startOfKey(key, plan.zone());
            return key;
        } catch (IllegalArgumentException e) {
            throw invalid("period", "period must name one of this plan's periods, such as " + plan.period()
                    .keyOf(Instant.now(), plan.zone()) + ", not '" + abbreviate(key) + "'");
        }
    }

    private static JsonNode object(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw invalid(null, "The request body must be a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw invalid(null, "The request body is not valid JSON");
        }
    }

    private static BigDecimal amount(JsonNode json, String field, String parameter) {
        JsonNode value = json.path(field);
        if (!value.isNumber()) {
            throw invalid(parameter, parameter + " must be a number");
        }
        BigDecimal amount = value.decimalValue();
        if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw invalid(parameter, parameter + " must be from 0 to " + MAX_AMOUNT.toPlainString());
        }
        return amount;
    }

    private static Period period(JsonNode value, String parameter, Set<Period> allowed) {
        String id = text(value, parameter);
        try {
            Period period = Period.of(id);
            if (allowed.contains(period)) {
                return period;
            }
        } catch (IllegalArgumentException e) {
            // refused below with the values allowed
        }
        throw invalid(parameter, parameter + " must be one of " + allowed.stream().map(Period::id).sorted().toList());
    }

    private static ZoneId zone(JsonNode value) {
        String id = value.isMissingNode() || value.isNull() ? "UTC" : text(value, "timezone");
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw invalid("timezone", "timezone must be an IANA time zone such as Asia/Shanghai, not '"
                    + abbreviate(id) + "'");
        }
    }

    private static String text(JsonNode value, String parameter) {
        if (!value.isString() || value.stringValue().isBlank()) {
            throw invalid(parameter, parameter + " is required as text");
        }
        return value.stringValue();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    static ApiException invalid(String parameter, String message) {
        return parameter == null ? new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", message)
                : new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", message, parameter);
    }
}
