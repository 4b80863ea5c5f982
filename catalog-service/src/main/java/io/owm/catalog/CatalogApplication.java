package io.owm.catalog;

import io.owm.support.security.InternalCallerSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
// Only the gateway may call this service (OWM_INTERNAL_TOKEN); docs/security.md.
@Import(InternalCallerSecurity.class)
@ConfigurationPropertiesScan
public class CatalogApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }
}
