package io.owm.billing.plan;

import java.util.Map;

/**
 * Every plan and who gets which: a user's own plan first, then the plan of the user's role, then the default.
 *
 * @param plans       by name
 * @param roles       plan names by OpenWebUI role ({@code user}, {@code admin}, {@code pending})
 * @param defaultPlan the plan of everyone else; null for none
 */
public record PlanBook(Map<String, Plan> plans, Map<String, String> roles, String defaultPlan) {

    public static final PlanBook EMPTY = new PlanBook(Map.of(), Map.of(), null);

    /** The plan that applies to a user with this own plan and role; null when none does. */
    public Plan planOf(String ownPlan, String role) {
        String name = ownPlan;
        if (name == null) {
            name = role != null && roles.containsKey(role) ? roles.get(role) : defaultPlan;
        }
        return name == null ? null : plans.get(name);
    }
}
