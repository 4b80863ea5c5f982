package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.localinfra.FreePorts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devstack's other way to run the services ({@code OWM_DEVSTACK_SERVICES=jvm-per-service}): a JVM each, as in
 * production. The other end-to-end tests run the default, one JVM for the four (RunningStack); this one starts a
 * stack of its own on free ports and checks that each service has its own JVM and that an outlet is charged.
 */
class JvmPerServiceIT {

    @TempDir
    Path data;

    @Test
    void eachServiceRunsInAJvmOfItsOwnAndAnOutletIsCharged() {
        int gatewayPort = FreePorts.next();
        Map<String, String> env = new HashMap<>();
        env.put("OWM_DEVSTACK_SERVICES", "jvm-per-service");
        env.put("OWM_DATA_DIR", data.toString());
        env.put("API_KEY", "per-service-key");
        env.put("ACCESS_TOKEN", "per-service-admin");
        env.put("INIT_BALANCE", "10");
        env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        for (String port : List.of("OWM_BILLING_PORT", "OWM_CATALOG_PORT", "OWM_ANALYTICS_PORT",
                "OWM_GATEWAY_MANAGEMENT_PORT", "OWM_BILLING_MANAGEMENT_PORT", "OWM_CATALOG_MANAGEMENT_PORT",
                "OWM_ANALYTICS_MANAGEMENT_PORT", "OWM_KAFKA_PORT", "OWM_KAFKA_CONTROLLER_PORT")) {
            env.put(port, Integer.toString(FreePorts.next()));
        }
        try (DevStack stack = new DevStack(DevStackSettings.from(env))) {
            stack.start();

            List<String> serviceJvms = ProcessHandle.current().children()
                    .map(process -> process.info().commandLine().orElse(""))
                    .filter(command -> command.contains(data.toString()))
                    .toList();
            assertThat(serviceJvms).hasSize(4).noneMatch(command -> command.contains("ServicesHost"))
                    .anyMatch(command -> command.endsWith("billing-service.jar"))
                    .anyMatch(command -> command.endsWith("gateway-service.jar"));

            HttpResponse<String> outlet = TestHttp.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/outlet"))
                    .header("Authorization", "Bearer per-service-key")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"user": {"id": "per-service-user"},
                             "body": {"model": "gpt-4o", "chat_id": "c1", "id": "m1",
                                      "messages": [{"role": "user", "content": "hi"},
                                                   {"role": "assistant", "content": "hello"}]}}
                            """))
                    .build());
            assertThat(outlet.statusCode()).isEqualTo(200);
            assertThat(outlet.body()).contains("\"success\":true").contains("\"newBalance\":9.99");
        }
    }
}
