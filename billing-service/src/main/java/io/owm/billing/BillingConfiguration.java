package io.owm.billing;

import io.micrometer.core.instrument.MeterRegistry;
import io.owm.billing.chat.BillingRules;
import io.owm.billing.pricing.InletCosts;
import io.owm.billing.pricing.PriceBook;
import io.owm.billing.support.BatchDatabase;
import io.owm.billing.support.PipelinedBegin;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BillingRules billingRules(BillingProperties properties, PriceBook prices, InletCosts inletCosts) {
        return new BillingRules(properties.initBalance(), prices, inletCosts,
                properties.lowBalanceThreshold().signum() > 0 ? properties.lowBalanceThreshold() : null);
    }

    /**
     * Every R2DBC transaction's BEGIN travels with its first statement: one round trip less per admin change, plan
     * change or outbox write (see {@link PipelinedBegin}; docs/decisions.md has the figures). Chat batches run on JDBC
     * ({@link BatchDatabase}), whose driver sends BEGIN with the first statement itself. Boot applies it to the
     * driver's connection factory under the pool: the pool and its metrics stay as they are, and each connection it
     * hands out is pipelined.
     */
    @Bean
    ConnectionFactoryDecorator pipelinedBegin() {
        return PipelinedBegin::new;
    }

    @Bean(destroyMethod = "close")
    BatchDatabase batchDatabase(@Value("${owm.billing.batch-database.url}") String url,
            @Value("${owm.billing.batch-database.username}") String username,
            @Value("${owm.billing.batch-database.password}") String password, BillingProperties properties,
            MeterRegistry metrics) {
        return new BatchDatabase(new BatchDatabase.Settings(url, username, password, properties.consumers()),
                metrics);
    }
}
