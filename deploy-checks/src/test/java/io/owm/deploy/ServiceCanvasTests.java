package io.owm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service README is a short canvas of what the service owns, and it says what the code does: the topics it
 * reads and writes, its tables, its endpoints. A topic, table or endpoint added without the README fails here.
 */
class ServiceCanvasTests {

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "billing-service", "catalog-service", "analytics-service"})
    void theReadmeHasEveryPartOfTheCanvas(String service) {
        ServiceCanvas canvas = new ServiceCanvas(service);
        for (String section : new String[] {"Owns", "Topics", "Tables", "Endpoints", "Settings", "Commands"}) {
            assertThat(canvas.hasSection(section)).as("%s/README.md has a section '## %s'", service, section).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "billing-service", "catalog-service", "analytics-service"})
    void theReadmeNamesTheTopicsTheCodeUses(String service) {
        assertThat(new ServiceCanvas(service).topics()).as("topics in %s/README.md", service)
                .isEqualTo(new ServiceCode(service).topics());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "billing-service", "catalog-service", "analytics-service"})
    void theReadmeNamesTheTablesTheMigrationsLeave(String service) {
        assertThat(new ServiceCanvas(service).tables()).as("tables in %s/README.md", service)
                .isEqualTo(new ServiceCode(service).tables());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "billing-service", "catalog-service", "analytics-service"})
    void theReadmeNamesEveryEndpointOfTheControllers(String service) {
        assertThat(new ServiceCanvas(service).endpoints()).as("endpoints in %s/README.md", service)
                .isEqualTo(new ServiceCode(service).endpoints());
    }
}
