package io.owm.billing;

import io.owm.testsupport.OnlyTheGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** billing-service trusts no one who reaches its port but the gateway (docs/security.md). */
class OnlyTheGatewayIT extends BillingServiceTest {

    @Autowired
    WebTestClient gatewayCalls;

    @LocalManagementPort
    int managementPort;

    @Test
    void opensItsApiToTheInternalCredentialOnlyAndItsProbesOnTheManagementPort() {
        OnlyTheGateway.assertOnlyTheGatewayGetsIn(gatewayCalls, "/api/v1/users", managementPort);
    }
}
