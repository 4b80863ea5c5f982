package io.owm.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerKeyTests {

    @Test
    void matchesTheExactTokenOnly() {
        BearerKey key = new BearerKey("secret");
        assertThat(key.matches("secret")).isTrue();
        assertThat(key.matches("secret2")).isFalse();
        assertThat(key.matches("Secret")).isFalse();
        assertThat(key.matches("")).isFalse();
        assertThat(key.matches(null)).isFalse();
    }

    @Test
    void readsTheTokenOfABearerHeaderWhateverTheSchemeCase() {
        assertThat(BearerKey.tokenOf("Bearer secret")).isEqualTo("secret");
        assertThat(BearerKey.tokenOf("bearer  secret ")).isEqualTo("secret");
        assertThat(BearerKey.tokenOf("Basic c2VjcmV0")).isNull();
        assertThat(BearerKey.tokenOf("secret")).isNull();
        assertThat(BearerKey.tokenOf(null)).isNull();
    }
}
