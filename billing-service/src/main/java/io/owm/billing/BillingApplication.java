package io.owm.billing;

import io.owm.support.security.InternalCallerSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
// Only the gateway may call this service (OWM_INTERNAL_TOKEN); docs/security.md.
@Import(InternalCallerSecurity.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class BillingApplication {

    public static void main(String[] args) {
        SpringApplication.run(BillingApplication.class, args);
    }
}
