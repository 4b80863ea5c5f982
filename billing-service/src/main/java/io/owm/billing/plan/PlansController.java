package io.owm.billing.plan;

import io.owm.support.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The plans part of the admin API (docs/allowances.md); the gateway checks {@code ACCESS_TOKEN} before routing
 * here.
 */
@RestController
class PlansController {

    private final Plans plans;
    private final AllowanceGrants grants;
    private final UserPlanStatus status;
    private final Clock clock;

    PlansController(Plans plans, AllowanceGrants grants, UserPlanStatus status, Clock clock) {
        this.plans = plans;
        this.grants = grants;
        this.status = status;
        this.clock = clock;
    }

    @GetMapping("/api/v1/plans")
    Mono<Map<String, Object>> list() {
        return plans.book().map(book -> {
            Map<String, Object> assignments = new LinkedHashMap<>();
            assignments.put("groups", book.groups());
            assignments.put("roles", book.roles());
            assignments.put("default", book.defaultPlan());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("plans", book.plans().values().stream()
                    .sorted(Comparator.comparing(Plan::name)).map(PlansController::view).toList());
            answer.put("assignments", assignments);
            return answer;
        });
    }

    @PutMapping("/api/v1/plans/{name}")
    Mono<Map<String, Object>> put(@PathVariable String name, @RequestBody(required = false) String body) {
        Plan plan = PlanRequests.plan(name, body);
        return plans.put(plan, clock.instant()).map(PlansController::view);
    }

    @DeleteMapping("/api/v1/plans/{name}")
    Mono<Map<String, Object>> delete(@PathVariable String name) {
        return plans.delete(PlanRequests.name(name))
                .flatMap(deleted -> deleted ? Mono.just(Map.<String, Object>of("success", true, "deleted", name))
                        : Mono.error(unknownPlan(name)));
    }

    @PutMapping("/api/v1/plans/assignments")
    Mono<Map<String, Object>> assign(@RequestBody(required = false) String body) {
        PlanRequests.Assignments assignments = PlanRequests.assignments(body);
        return plans.book().flatMap(book -> {
            assignments.groups().forEach((group, plan) -> requireKnown(book, plan, "groups." + group));
            assignments.roles().forEach((role, plan) -> requireKnown(book, plan, "roles." + role));
            if (assignments.defaultPlan() != null) {
                requireKnown(book, assignments.defaultPlan(), "default");
            }
            return plans.assign(assignments.groups(), assignments.roles(), assignments.defaultPlan());
        }).then(list());
    }

    @PutMapping("/api/v1/users/{id}/plan")
    Mono<Map<String, Object>> setUserPlan(@PathVariable String id, @RequestBody(required = false) String body) {
        String plan = PlanRequests.userPlan(body);
        return plans.book()
                .doOnNext(book -> {
                    if (plan != null) {
                        requireKnown(book, plan, "plan");
                    }
                })
                .then(plans.setUserPlan(id, plan))
                .flatMap(updated -> updated ? Mono.just(answer(id, plan))
                        : Mono.error(new ApiException(HttpStatus.NOT_FOUND, "user_not_found",
                                "No user with id " + id)));
    }

    /** Which plan applies to the user and why, its period, what the user spent in it and each limit's use. */
    @GetMapping("/api/v1/users/{id}/plan")
    Mono<Map<String, Object>> userPlan(@PathVariable String id) {
        return status.of(id, clock.instant())
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "user_not_found",
                        "No user with id " + id)));
    }

    /** Grants a period of the plan to its users now (testing, a back-fill); a second call grants nobody. */
    @PostMapping("/api/v1/plans/{name}/grants")
    Mono<Map<String, Object>> grant(@PathVariable String name, @RequestBody(required = false) String body) {
        return plans.book().flatMap(book -> {
            Plan plan = book.plans().get(PlanRequests.name(name));
            if (plan == null) {
                return Mono.error(unknownPlan(name));
            }
            String period = PlanRequests.period(body, plan);
            return grants.grantPeriod(plan, book, period, plans).map(granted -> Map.<String, Object>of(
                    "success", true, "plan", name, "period", period, "granted", granted));
        });
    }

    private static Map<String, Object> answer(String id, String plan) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("user", id);
        answer.put("plan", plan);
        return answer;
    }

    private static void requireKnown(PlanBook book, String plan, String parameter) {
        if (!book.plans().containsKey(plan)) {
            throw PlanRequests.invalid(parameter, "No plan named " + plan);
        }
    }

    private static ApiException unknownPlan(String name) {
        return new ApiException(HttpStatus.NOT_FOUND, "plan_not_found", "No plan named " + name);
    }

    static Map<String, Object> view(Plan plan) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", plan.name());
        view.put("amount", plain(plan.amount()));
        view.put("period", plan.period().id());
        view.put("mode", plan.mode().id());
        view.put("timezone", plan.zone().getId());
        view.put("spendCap", plan.spendCap() == null ? null
                : Map.of("amount", plain(plan.spendCap().amount()), "period", plan.spendCap().period().id()));
        view.put("messageLimit", plan.messageLimit() == null ? null
                : Map.of("count", plan.messageLimit().count(), "window", plan.messageLimit().window().id()));
        view.put("lowBalanceThreshold", plan.lowBalanceThreshold() == null ? null : plain(plan.lowBalanceThreshold()));
        return view;
    }

    private static BigDecimal plain(BigDecimal amount) {
        return amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    }
}
