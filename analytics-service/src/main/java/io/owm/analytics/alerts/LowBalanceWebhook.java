package io.owm.analytics.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.owm.analytics.AnalyticsProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Posts a low-balance alert to the admins' webhook ({@code OWM_ALERT_WEBHOOK_URL}). The body carries the message
 * as {@code text} (Slack, Mattermost, Microsoft Teams' incoming webhooks) and as {@code content} (Discord), with
 * the figures beside it for anything else. A failed post is retried with back-off for about a minute, then
 * counted and given up: alerts never hold anything else back.
 */
class LowBalanceWebhook {

    private static final Logger log = LoggerFactory.getLogger(LowBalanceWebhook.class);

    private final WebClient http;
    private final String url;
    private final Duration firstBackoff;
    private final Counter sent;
    private final Counter failed;

    LowBalanceWebhook(AnalyticsProperties properties, MeterRegistry meters) {
        this.http = WebClient.builder().build();
        this.url = properties.alertWebhookUrl();
        this.firstBackoff = properties.alertRetryBackoff();
        this.sent = Counter.builder("owm.alerts.webhook").tag("outcome", "sent")
                .description("Low-balance alerts posted to OWM_ALERT_WEBHOOK_URL").register(meters);
        this.failed = Counter.builder("owm.alerts.webhook").tag("outcome", "failed")
                .description("Low-balance alerts given up after their retries").register(meters);
    }

    /** Posts the alert; completes when posted or given up, never with an error. */
    Mono<Void> post(BalanceCrossing crossing) {
        String who = crossing.name() == null ? crossing.userId() : crossing.name() + " (" + crossing.userId() + ")";
        String text = "Low balance: %s has %s left, below the threshold of %s".formatted(who,
                plain(crossing.after()), plain(crossing.threshold()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("content", text);
        body.put("user_id", crossing.userId());
        body.put("balance", plain(crossing.after()));
        body.put("threshold", plain(crossing.threshold()));
        return http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .retrieve().toBodilessEntity()
                .timeout(Duration.ofSeconds(10))
                .retryWhen(Retry.backoff(5, firstBackoff).maxBackoff(firstBackoff.multipliedBy(16)))
                .doOnSuccess(ok -> sent.increment())
                .then()
                .onErrorResume(e -> {
                    failed.increment();
                    log.warn("Low-balance alert for {} not delivered to the webhook: {}", crossing.userId(),
                            e.getMessage());
                    return Mono.empty();
                });
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
