package io.owm.billing.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.owm.billing.plan.PlanBook;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The answer to a block or restore: the original's {@code {success: true, user}} and this view's fields. */
    Map<String, Object> asChangeAnswer() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("id", id);
        answer.put("email", email);
        answer.put("name", name);
        answer.put("role", role);
        answer.put("balance", balance);
        answer.put("deleted", deleted);
        answer.put("created_at", createdAt);
        answer.put("plan", plan);
        answer.put("plan_source", planSource);
        answer.put("user", this);
        return answer;
    }

    UserView withPlan(PlanBook.Assignment assignment) {
        return new UserView(id, email, name, role, balance, deleted, createdAt,
                assignment.plan() == null ? null : assignment.plan().name(), assignment.source());
    }
}
