package io.owm.billing;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
