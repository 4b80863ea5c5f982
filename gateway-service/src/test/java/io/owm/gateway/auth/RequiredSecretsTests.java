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
        assertThatThrownBy(() -> new RequiredSecrets(properties("", "admin")))
                .hasMessageStartingWith("API_KEY is not set");
    }

    @Test
    void refusesToStartWithoutTheAdminTokenAndNamesTheVariable() {
        assertThatThrownBy(() -> new RequiredSecrets(properties("key", null)))
                .hasMessageStartingWith("ACCESS_TOKEN is not set");
    }

    @Test
    void refusesTheSameValueForBothKeys() {
        assertThatThrownBy(() -> new RequiredSecrets(properties("same", "same")))
                .hasMessageContaining("must differ");
    }

    @Test
    void startsWithTwoDifferentKeys() {
        assertThatCode(() -> new RequiredSecrets(properties("key", "admin"))).doesNotThrowAnyException();
    }

    @Test
    void comparesBearerKeysExactly() {
        BearerKey key = new BearerKey("secret");
        org.assertj.core.api.Assertions.assertThat(key.matches("Bearer secret")).isTrue();
        org.assertj.core.api.Assertions.assertThat(key.matches("bearer secret")).isTrue();
        org.assertj.core.api.Assertions.assertThat(key.matches("Bearer secret2")).isFalse();
        org.assertj.core.api.Assertions.assertThat(key.matches("secret")).isFalse();
        org.assertj.core.api.Assertions.assertThat(key.matches(null)).isFalse();
    }

    private static GatewayProperties properties(String apiKey, String accessToken) {
        return new GatewayProperties(apiKey, accessToken, Duration.ofSeconds(5), InletWithoutAnswer.ADMIT,
                DataSize.ofMegabytes(16), 3);
    }
}
