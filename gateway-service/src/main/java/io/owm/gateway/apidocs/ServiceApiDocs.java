package io.owm.gateway.apidocs;

import io.owm.gateway.GatewayProperties;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * The API descriptions of the services behind the gateway, fetched in the background and kept: the merged
 * document is served from memory, and a service that is down at the moment leaves its last known part in place.
 */
@Component
class ServiceApiDocs {

    private static final Logger log = LoggerFactory.getLogger(ServiceApiDocs.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FULL_REFRESH = Duration.ofMinutes(5);

    private final WebClient http;
    private final Map<String, String> services;
    private final Map<String, OpenAPI> known = new ConcurrentHashMap<>();
    private volatile long lastFullRefresh = System.nanoTime();

    ServiceApiDocs(WebClient.Builder builder, GatewayProperties properties) {
        this.http = builder.build();
        GatewayProperties.Services at = properties.services();
        this.services = Map.of("billing", at.billing(), "catalog", at.catalog(), "analytics", at.analytics());
    }

    /** The services' descriptions known so far, by service name. */
    Map<String, OpenAPI> known() {
        return Map.copyOf(known);
    }

    /**
     * Fetches what is missing every 15 seconds (services start in any order), and everything every 5 minutes
     * (a service upgraded under a running gateway). The first time a few seconds after the gateway is up rather
     * than at once: a service builds its description when first asked, which on a small machine that starts all
     * services together takes CPU from the ones still starting.
     */
    @Scheduled(initialDelay = 5_000, fixedDelay = 15_000)
    void refresh() {
        boolean full = System.nanoTime() - lastFullRefresh > FULL_REFRESH.toNanos();
        if (full) {
            lastFullRefresh = System.nanoTime();
        }
        Flux.fromIterable(services.entrySet())
                .filter(service -> full || !known.containsKey(service.getKey()))
                .flatMap(service -> http.get().uri(service.getValue() + "/v3/api-docs")
                        .retrieve()
                        .bodyToMono(String.class)
                        .timeout(TIMEOUT)
                        .doOnNext(text -> known.put(service.getKey(), parse(text)))
                        .doOnError(e -> log.debug("API description of {} not fetched: {}", service.getKey(),
                                e.getMessage()))
                        .onErrorComplete())
                .subscribe();
    }

    private static OpenAPI parse(String text) {
        try {
            return Json.mapper().readValue(text, OpenAPI.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Not an OpenAPI document: " + e.getOriginalMessage(), e);
        }
    }
}
