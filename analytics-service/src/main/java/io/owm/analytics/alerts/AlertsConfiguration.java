package io.owm.analytics.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.owm.analytics.AnalyticsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Low-balance alerts, on when a webhook is set. The threshold comes with each fact from billing (the user's plan's,
 * else {@code LOW_BALANCE_THRESHOLD}); analytics' own {@code LOW_BALANCE_THRESHOLD} applies to facts without one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${owm.analytics.alert-webhook-url:}'.isBlank()")
class AlertsConfiguration {

    @Bean
    LowBalanceWebhook lowBalanceWebhook(AnalyticsProperties properties, MeterRegistry meters) {
        return new LowBalanceWebhook(properties, meters);
    }

    @Bean
    LowBalanceAlerts lowBalanceAlerts(LowBalanceWebhook webhook, AnalyticsProperties properties) {
        return new LowBalanceAlerts(webhook, properties);
    }
}
