package io.owm.billing.plan;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

/**
 * Every plan and who gets which: a user's own plan first, then the plans of the user's OpenWebUI groups, then the
 * plan of the user's role, then the default.
 *
 * @param plans       by name
 * @param groups      plan names by OpenWebUI group name
 * @param roles       plan names by OpenWebUI role ({@code user}, {@code admin}, {@code pending})
 * @param defaultPlan the plan of everyone else; null for none
 */
public record PlanBook(Map<String, Plan> plans, Map<String, String> groups, Map<String, String> roles,
        String defaultPlan) {

    public static final PlanBook EMPTY = new PlanBook(Map.of(), Map.of(), Map.of(), null);

    /**
     * Of a user in several groups with plans, the most generous plan applies (the largest allowance, then the
     * plan's name), as OpenWebUI itself grants the union of its groups' permissions; the order in which OpenWebUI
     * lists groups is no choice of the admin's.
     */
    private static final Comparator<Plan> MOST_GENEROUS = Comparator.comparing(Plan::amount).reversed()
            .thenComparing(Plan::name);

    /** Why a plan applies to a user: the user's own, a group's (named), the role's or the default. */
    public record Assignment(Plan plan, String source, String group) {

        static final Assignment NONE = new Assignment(null, null, null);
    }

    /** The plan that applies to a user with this own plan, these groups and this role; null when none does. */
    public Plan planOf(String ownPlan, Collection<String> userGroups, String role) {
        return assignmentOf(ownPlan, userGroups, role).plan();
    }

    /** The plan that applies and why; {@link Assignment#plan()} null when none does. */
    public Assignment assignmentOf(String ownPlan, Collection<String> userGroups, String role) {
        if (ownPlan != null) {
            return plans.containsKey(ownPlan) ? new Assignment(plans.get(ownPlan), "user", null) : Assignment.NONE;
        }
        Assignment byGroup = userGroups.stream()
                .filter(group -> groups.containsKey(group) && plans.containsKey(groups.get(group)))
                .map(group -> new Assignment(plans.get(groups.get(group)), "group", group))
                .min(Comparator.comparing(Assignment::plan, MOST_GENEROUS))
                .orElse(null);
        if (byGroup != null) {
            return byGroup;
        }
        if (role != null && roles.containsKey(role) && plans.containsKey(roles.get(role))) {
            return new Assignment(plans.get(roles.get(role)), "role", null);
        }
        return defaultPlan != null && plans.containsKey(defaultPlan)
                ? new Assignment(plans.get(defaultPlan), "default", null) : Assignment.NONE;
    }
}
