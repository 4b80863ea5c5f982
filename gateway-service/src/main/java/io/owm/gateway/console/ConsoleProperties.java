package io.owm.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the admin console the gateway serves at {@code /}.
 *
 * @param grafanaUrl where the admins' Grafana answers ({@code OWM_GRAFANA_URL}), linked from the console's
 *                   settings page; empty when there is none, and the page says how to set it
 */
@ConfigurationProperties("owm.console")
public record ConsoleProperties(String grafanaUrl) {

    public ConsoleProperties {
        grafanaUrl = grafanaUrl == null ? "" : grafanaUrl.trim();
    }
}
