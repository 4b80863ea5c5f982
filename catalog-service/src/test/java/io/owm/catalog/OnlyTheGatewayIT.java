package io.owm.catalog;

import io.owm.testsupport.OnlyTheGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** catalog-service trusts no one who reaches its port but the gateway (docs/security.md). */
class OnlyTheGatewayIT extends CatalogServiceTest {

    @Autowired
    WebTestClient gatewayCalls;

    @LocalManagementPort
    int managementPort;

    @Test
    void opensItsApiToTheInternalCredentialOnlyAndItsProbesOnTheManagementPort() {
        OnlyTheGateway.assertOnlyTheGatewayGetsIn(gatewayCalls, "/api/v1/models?sync=false", managementPort);
    }
}
