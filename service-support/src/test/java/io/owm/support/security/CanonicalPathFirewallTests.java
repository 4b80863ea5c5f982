package io.owm.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathFirewallTests {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/users", "/api/v1/users/0f8e-4c1a/ledger", "/api/v1/users/ann@example.com",
            "/api/v1/users/a%20b", "/console/js/app.js", "/webjars/chart.js/4.4.1/dist/chart.umd.js"})
    void letsCanonicalPathsThrough(String path) {
        assertThat(CanonicalPathFirewall.problemWith(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%61pi/v1/users", "/api/v1/%75sers", "/api/v%31/users", "/api/v1/users%2Dx",
            "/api/v1/users/%7e", "/api/v1/%C0%AFusers", "/api/v1/users/%EF%BC%8F", "/api/v1/users%00",
            "/api/v1/users%0a", "/api/v1/users%7F", "/api/v1/users/%", "/api/v1/users/%4", "/api/v1/users/%zz",
            "/api/v1/users/ä", "/api/v1/users\t"})
    void refusesEveryOtherSpellingOfAPath(String path) {
        assertThat(CanonicalPathFirewall.problemWith(path)).isNotNull();
    }
}
