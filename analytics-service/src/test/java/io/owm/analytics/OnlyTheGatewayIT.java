package io.owm.analytics;

import io.owm.testsupport.OnlyTheGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** analytics-service trusts no one who reaches its port but the gateway (docs/security.md). */
class OnlyTheGatewayIT extends AnalyticsServiceTest {

    @Autowired
    WebTestClient gatewayCalls;

    @Test
    void opensItsApiToTheInternalCredentialOnlyAndItsProbesOnTheManagementPort() {
        OnlyTheGateway.assertOnlyTheGatewayGetsIn(gatewayCalls, "/api/v1/panel/usage", managementPort);
    }
}
