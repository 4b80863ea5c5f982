package io.owm.analytics.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.owm.analytics.AnalyticsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Low-balance alerts, on when both a webhook and a threshold are set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${owm.analytics.alert-webhook-url:}'.isBlank()"
        + " && ${owm.analytics.low-balance-threshold:0} > 0")
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
