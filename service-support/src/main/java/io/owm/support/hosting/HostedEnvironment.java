package io.owm.support.hosting;

import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A hosted service's own environment, put where the process environment is before anything reads the environment:
 * ordered ahead of the environment post-processors (Spring Boot's config data, and service-support's own, which
 * read variables such as {@code OTEL_EXPORTER_OTLP_ENDPOINT}).
 */
final class HostedEnvironment implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** Ends like the process environment's name, which is what makes Spring Boot bind it by environment rules. */
    static final String SOURCE_NAME = "hostedService-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

    private final Map<String, Object> values;

    HostedEnvironment(Map<String, Object> values) {
        this.values = values;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        event.getEnvironment().getPropertySources().addBefore(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(SOURCE_NAME, values));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
