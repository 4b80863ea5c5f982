package io.owm.billing;

import io.owm.billing.support.PipelinedBegin;
import java.time.Clock;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Every transaction's BEGIN travels with its first statement: one round trip less per chat batch (see
     * {@link PipelinedBegin}; docs/decisions.md has the figures). Boot applies it to the connection factory it
     * builds; the pool stays underneath, so its metrics still work.
     */
    @Bean
    ConnectionFactoryDecorator pipelinedBegin() {
        return PipelinedBegin::new;
    }
}
