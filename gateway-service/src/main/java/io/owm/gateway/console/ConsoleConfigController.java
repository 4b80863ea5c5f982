package io.owm.gateway.console;

import io.owm.gateway.GatewayProperties;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Configuration the console shows. Served by the gateway itself because it alone holds {@code API_KEY}; the key
 * filter lets only {@code ACCESS_TOKEN} through to these paths, and no answer may be cached, since one of them is
 * a secret.
 */
@RestController
@RequestMapping("/api/v1/config")
class ConsoleConfigController {

    private final GatewayProperties gateway;
    private final ConsoleProperties console;

    ConsoleConfigController(GatewayProperties gateway, ConsoleProperties console) {
        this.gateway = gateway;
        this.console = console;
    }

    /** The original app's {@code {apiKey, status: 200}} ({@code Unconfigured} when no key is set). */
    @GetMapping
    ResponseEntity<Map<String, Object>> config() {
        String key = gateway.apiKey();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("apiKey", key == null || key.isBlank() ? "Unconfigured" : key, "status", 200));
    }

    /** The original app's endpoint: the function key to paste into the OpenWebUI function's valves. */
    @GetMapping("/key")
    ResponseEntity<Map<String, String>> functionKey() {
        return uncached(Map.of("apiKey", gateway.apiKey()));
    }

    /** Links the console's settings page offers; empty strings for what is not configured. */
    @GetMapping("/console")
    ResponseEntity<Map<String, String>> consoleLinks() {
        return uncached(Map.of("grafanaUrl", console.grafanaUrl()));
    }

    private static ResponseEntity<Map<String, String>> uncached(Map<String, String> body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
