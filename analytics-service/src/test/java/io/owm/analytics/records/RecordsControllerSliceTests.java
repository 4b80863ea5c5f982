package io.owm.analytics.records;

import static org.mockito.Mockito.verifyNoInteractions;

import io.owm.support.web.ApiErrorsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The records API's refusals, with the web layer alone (its real security and error advice, no database): every
 * bad parameter is answered 400 naming it, before any query is built.
 */
@WebFluxTest(controllers = RecordsController.class, properties = {
        "owm.internal-token=slice-internal-token", "spring.application.name=analytics-service"})
@ImportAutoConfiguration(ApiErrorsAutoConfiguration.class)
class RecordsControllerSliceTests {

    @Autowired
    WebTestClient http;

    @MockitoBean
    DatabaseClient db;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pageSize=501                     | pageSize",
            "pageSize=ten                     | pageSize",
            "page=0                           | page",
            "sortField=cost;DROP TABLE x      | sortField",
            "sortOrder=sideways               | sortOrder",
            "startDate=yesterday              | startDate"})
    void aBadParameterIsRefusedByNameBeforeAnyQuery(String query, String parameter) {
        http.get().uri("/api/v1/panel/records?" + query)
                .header("Authorization", "Bearer slice-internal-token")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.error_type").isEqualTo("invalid_request")
                .jsonPath("$.parameter").isEqualTo(parameter);
        verifyNoInteractions(db);
    }

    @Test
    void withoutTheInternalCredentialNothingIsParsed() {
        http.get().uri("/api/v1/panel/records?pageSize=501")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error_type").isEqualTo("unauthorized");
        verifyNoInteractions(db);
    }
}
