package io.owm.billing.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.owm.billing.plan.PlanBook;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A user as the admin API shows it, in the original app's field names, with the plan that applies and why
 * ({@code user}, {@code group}, {@code role}, {@code default}; both null for none).
 */
record UserView(
        String id,
        String email,
        String name,
        String role,
        BigDecimal balance,
        boolean deleted,
        @JsonProperty("created_at") OffsetDateTime createdAt,
        String plan,
        @JsonProperty("plan_source") String planSource) {

    UserView withPlan(PlanBook.Assignment assignment) {
        return new UserView(id, email, name, role, balance, deleted, createdAt,
                assignment.plan() == null ? null : assignment.plan().name(), assignment.source());
    }
}
