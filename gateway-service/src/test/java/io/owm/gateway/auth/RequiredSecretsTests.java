package io.owm.gateway.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.owm.gateway.GatewayProperties;
import io.owm.gateway.GatewayProperties.InletWithoutAnswer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RequiredSecretsTests {

    @Test
    void refusesToStartWithoutTheFunctionKeyAndNamesTheVariable() {
        assertThatThrownBy(() -> new RequiredSecrets(properties("", "admin", "internal")))
                .hasMessageStartingWith("API_KEY is not set");
    }

    @Test
    void refusesToStartWithoutTheAdminTokenAndNamesTheVariable() {
        assertThatThrownBy(() -> new RequiredSecrets(properties("key", null, "internal")))
                .hasMessageStartingWith("ACCESS_TOKEN is not set");
    }

    @Test
    void refusesToStartWithoutTheInternalTokenAndNamesTheVariable() {
        assertThatThrownBy(() -> new RequiredSecrets(properties("key", "admin", " ")))
                .hasMessageStartingWith("OWM_INTERNAL_TOKEN is not set");
    }

    @Test
    void refusesTheSameValueForBothKeys() {
        assertThatThrownBy(() -> new RequiredSecrets(properties("same", "same", "internal")))
                .hasMessageContaining("must differ");
    }

    @Test
    void refusesAnInternalTokenThatFunctionsOrAdminsHold() {
        assertThatThrownBy(() -> new RequiredSecrets(properties("key", "admin", "key")))
                .hasMessageContaining("OWM_INTERNAL_TOKEN must differ");
        assertThatThrownBy(() -> new RequiredSecrets(properties("key", "admin", "admin")))
                .hasMessageContaining("OWM_INTERNAL_TOKEN must differ");
    }

    @Test
    void startsWithThreeDifferentSecrets() {
        assertThatCode(() -> new RequiredSecrets(properties("key", "admin", "internal")))
                .doesNotThrowAnyException();
    }

    private static GatewayProperties properties(String apiKey, String accessToken, String internalToken) {
        return new GatewayProperties(apiKey, accessToken, internalToken, Duration.ofSeconds(5),
                InletWithoutAnswer.ADMIT, DataSize.ofMegabytes(16), 3, DataSize.ofMegabytes(256),
                new GatewayProperties.Services("http://b", "http://c", "http://a"));
    }
}
