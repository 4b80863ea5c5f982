package io.owm.analytics.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.owm.analytics.AnalyticsProperties;
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
    private final ModelLabels models;
    private final Map<String, AtomicInteger> availability = new ConcurrentHashMap<>();

    BusinessMetrics(MeterRegistry meters, AnalyticsProperties properties) {
        this.meters = meters;
        this.models = new ModelLabels(properties.metricModelCap());
    }

    void record(Object event) {
        if (event instanceof ChatCharged charged) {
            charged(charged);
        } else if (event instanceof ChatAdmitted admitted && admitted.blocked()) {
            counter("owm.inlets.blocked", "Inlets refused because the user is blocked", models.of(admitted.model()))
                    .increment();
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
