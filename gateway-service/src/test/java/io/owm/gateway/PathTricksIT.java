package io.owm.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.owm.testsupport.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every admin route and both function routes, in more than forty spellings each, with no key, a wrong key and the
 * other door's key: none may answer 2xx, and none may reach a service. The services behind the routes are
 * stand-ins that answer anyone, so a request that slipped past the gateway's check would show as a 200. Requests
 * are written to a socket byte for byte, since an HTTP client would normalise or re-encode the tricks away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.gateway.api-key=" + PathTricksIT.FUNCTION_KEY,
        "owm.gateway.access-token=" + PathTricksIT.ADMIN_TOKEN,
        "owm.gateway.reply-timeout=200ms",
        "owm.gateway.topic-partitions=3"})
class PathTricksIT {

    static final String FUNCTION_KEY = "sk-tricks-function-key";
    static final String ADMIN_TOKEN = "tricks-admin-token";

    /** Every route of the admin API (routed to a service or the gateway's own) and of the function API. */
    private static final List<String[]> ADMIN_ROUTES = List.of(
            new String[] {"GET", "/api/v1/users"},
            new String[] {"GET", "/api/v1/users/u1"},
            new String[] {"PUT", "/api/v1/users/u1/balance"},
            new String[] {"POST", "/api/v1/users/u1/adjustments"},
            new String[] {"DELETE", "/api/v1/users/u1"},
            new String[] {"PATCH", "/api/v1/users/u1"},
            new String[] {"GET", "/api/v1/users/u1/ledger"},
            new String[] {"GET", "/api/v1/models"},
            new String[] {"POST", "/api/v1/models/price"},
            new String[] {"POST", "/api/v1/models/sync-price"},
            new String[] {"POST", "/api/v1/models/sync-all-prices"},
            new String[] {"POST", "/api/v1/models/test"},
            new String[] {"POST", "/api/v1/models/test-all"},
            new String[] {"GET", "/api/v1/panel/usage"},
            new String[] {"GET", "/api/v1/panel/records"},
            new String[] {"GET", "/api/v1/panel/records/export"},
            new String[] {"GET", "/api/v1/panel/users/top"},
            new String[] {"GET", "/api/v1/panel/users/u1/spend"},
            new String[] {"POST", "/api/v1/panel/rebuild"},
            new String[] {"GET", "/api/v1/panel/database/export"},
            new String[] {"POST", "/api/v1/panel/database/import"},
            new String[] {"GET", "/api/v1/config/key"},
            new String[] {"GET", "/api/v1/config/console"});
    private static final List<String[]> FUNCTION_ROUTES = List.of(
            new String[] {"POST", "/api/v1/inlet"},
            new String[] {"POST", "/api/v1/outlet"});

    /** Billing, catalog and analytics, as services that would do whatever they are asked. */
    static final WireMockServer services = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        if (!services.isRunning()) {
            services.start();
        }
        String address = "http://127.0.0.1:" + services.port();
        registry.add("OWM_BILLING_URL", () -> address);
        registry.add("OWM_CATALOG_URL", () -> address);
        registry.add("OWM_ANALYTICS_URL", () -> address);
    }

    @AfterAll
    static void stopServices() {
        services.stop();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void servicesAnswerAnyone() {
        services.resetAll();
        services.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"users\": [], \"apiKey\": \"leaked\"}")));
    }

    /**
     * Any request to a service but the gateway's own fetch of their API descriptions, which it repeats in the
     * background every few seconds whatever the clients do.
     */
    private static RequestPatternBuilder anyRequestButTheApiDescriptions() {
        return anyRequestedFor(urlPathMatching("(?!/v3/api-docs$).*"));
    }

    @Test
    void noSpellingOfAnAdminRouteOpensWithoutTheAdminToken() {
        List<String> through = tryEverySpelling(ADMIN_ROUTES, null, "Bearer wrong-token", "Bearer " + FUNCTION_KEY);
        assertThat(through).as("requests answered 2xx").isEmpty();
        services.verify(0, anyRequestButTheApiDescriptions());
    }

    @Test
    void noSpellingOfAFunctionRouteOpensWithoutTheFunctionKey() {
        List<String> through = tryEverySpelling(FUNCTION_ROUTES, null, "Bearer wrong-key", "Bearer " + ADMIN_TOKEN);
        assertThat(through).as("requests answered 2xx").isEmpty();
        services.verify(0, anyRequestButTheApiDescriptions());
    }

    @Test
    void theCorpusHasMoreThanFortySpellingsOfEveryRoute() {
        for (String[] route : ADMIN_ROUTES) {
            assertThat(PathVariants.of(route[1])).as(route[1]).hasSizeGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void theCanonicalPathWithTheRightKeyIsRoutedWithTheInternalCredentialInsteadOfTheAdminToken() {
        int status = send("GET", "/api/v1/users", "Bearer " + ADMIN_TOKEN);
        assertThat(status).isEqualTo(200);
        services.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/users"))
                .withHeader("Authorization", equalTo("Bearer " + TestInfrastructure.INTERNAL_TOKEN)));
    }

    private List<String> tryEverySpelling(List<String[]> routes, String... authorizations) {
        List<String> through = new ArrayList<>();
        int tried = 0;
        for (String[] route : routes) {
            for (String variant : PathVariants.of(route[1])) {
                for (String authorization : authorizations) {
                    tried++;
                    int status = send(route[0], variant, authorization);
                    if (status >= 200 && status < 300) {
                        through.add(status + " " + route[0] + " " + variant + " with " + authorization);
                    }
                }
            }
        }
        System.out.printf("PathTricksIT: %d of %d requests answered 2xx%n", through.size(), tried);
        return through;
    }

    /** An outlet the function API would take and answer 200 with the right key. */
    private static final String CHAT = """
            {"user": {"id": "u-tricks"}, "body": {"model": "gpt-4o", "chat_id": "c", "id": "m", "messages": [
              {"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}}""";

    /** One request on its own connection, the path exactly as given; answers the status code (0: no answer). */
    private int send(String method, String rawPath, String authorization) {
        String body = method.equals("GET") || method.equals("DELETE") ? "" : CHAT;
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (!body.isEmpty()) {
            request.append("Content-Type: application/json\r\n");
        }
        request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return statusOf(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to " + method + " " + rawPath, e);
        }
    }

    private static int statusOf(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        String statusLine = line.toString(StandardCharsets.ISO_8859_1);
        if (!statusLine.startsWith("HTTP/1.")) {
            return 0;
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }
}
