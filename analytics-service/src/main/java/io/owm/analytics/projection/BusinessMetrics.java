package io.owm.analytics.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.owm.analytics.AnalyticsProperties;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.catalog.ModelTested;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Business metrics for Prometheus, fed by the events the read model took as new, so each fact counts once however
 * often it is delivered. Labels are per model, never per user: per-user numbers come from the read model through
 * the admin API, since a label per user would grow Prometheus without bound.
 */
@Component
class BusinessMetrics {

    private final MeterRegistry meters;
    private final BoundedLabels models;
    private final BoundedLabels plans;
    private final Map<String, AtomicInteger> availability = new ConcurrentHashMap<>();

    BusinessMetrics(MeterRegistry meters, AnalyticsProperties properties) {
        this.meters = meters;
        this.models = new BoundedLabels(properties.metricModelCap());
        this.plans = new BoundedLabels(properties.metricModelCap());
    }

    void record(Object event) {
        if (event instanceof ChatCharged charged) {
            charged(charged);
        } else if (event instanceof ChatAdmitted admitted && admitted.blocked()) {
            counter("owm.inlets.blocked", "Inlets refused because the user is blocked", models.of(admitted.model()))
                    .increment();
            refused("blocked", admitted.plan());
        } else if (event instanceof ChatAdmitted admitted && admitted.refused()) {
            refused(admitted.refusalReason() == null ? "balance" : admitted.refusalReason(), admitted.plan());
        } else if (event instanceof BalanceAdjusted adjusted && "ALLOWANCE".equals(adjusted.reason())) {
            String plan = plans.of(adjusted.plan() == null ? "none" : adjusted.plan());
            Counter.builder("owm.plan.grants").description("Allowances granted (ledger entries of reason ALLOWANCE)")
                    .tag("plan", plan).register(meters).increment();
            Counter.builder("owm.plan.granted.usd").description("Money granted as allowances, USD (a reset may"
                    + " take some back)").tag("plan", plan).register(meters).increment(adjusted.amount().doubleValue());
        } else if (event instanceof ModelTested tested) {
            tested(tested);
        }
    }

    private void charged(ChatCharged charged) {
        String model = models.of(charged.model());
        counter("owm.chat.tokens", "Tokens charged", model, "direction", "input").increment(charged.inputTokens());
        counter("owm.chat.tokens", "Tokens charged", model, "direction", "output").increment(charged.outputTokens());
        // A double is fine for a dashboard; the exact money is in the read model.
        counter("owm.chat.spend.usd", "Money charged, USD", model).increment(charged.cost().doubleValue());
        // Both series exist from a model's first charge on, so the estimated share is a ratio of two series.
        Counter estimated = counter("owm.chat.charged", "Charged chats", model, "estimated", "true");
        Counter reported = counter("owm.chat.charged", "Charged chats", model, "estimated", "false");
        (charged.tokensEstimated() ? estimated : reported).increment();
        Counter.builder("owm.plan.spend.usd").description("Money charged, USD, by the plan the user was on")
                .tag("plan", plans.of(charged.plan() == null ? "none" : charged.plan())).register(meters)
                .increment(charged.cost().doubleValue());
    }

    /**
     * Inlets refused, by why ({@code balance}, {@code spend_cap}, {@code message_limit} or {@code blocked}) and the
     * plan the user was on.
     */
    private void refused(String reason, String plan) {
        Counter.builder("owm.inlets.refused").description("Inlets refused, by reason").tag("reason", reason)
                .tag("plan", plans.of(plan == null ? "none" : plan)).register(meters).increment();
    }

    private void tested(ModelTested tested) {
        String model = models.of(tested.modelId());
        Timer ok = testTimer(model, "ok");
        Timer failed = testTimer(model, "failed");
        (tested.ok() ? ok : failed).record(Duration.ofMillis(tested.latencyMillis()));
        availability.computeIfAbsent(model, m -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("owm.model.available", value, AtomicInteger::get)
                    .description("1 when the model's last connectivity test passed, else 0")
                    .tag("model", m)
                    .register(meters);
            return value;
        }).set(tested.ok() ? 1 : 0);
    }

    private Counter counter(String name, String description, String model, String... tags) {
        return Counter.builder(name).description(description).tag("model", model).tags(tags).register(meters);
    }

    private Timer testTimer(String model, String outcome) {
        return Timer.builder("owm.model.test")
                .description("Latency of model connectivity tests through OpenWebUI")
                .tag("model", model)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
    }
}
