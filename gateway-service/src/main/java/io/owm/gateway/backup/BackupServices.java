package io.owm.gateway.backup;

import io.owm.gateway.GatewayProperties;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The services' backup parts ({@code /internal/backup}, {@code /internal/import}), at the addresses the admin
 * routes use. Each service owns its part; the gateway only puts them together and takes them apart.
 */
@Component
class BackupServices {

    enum Part { BILLING, CATALOG, ANALYTICS }

    private final Map<Part, WebClient> services;

    BackupServices(WebClient.Builder builder, GatewayProperties properties) {
        WebClient.Builder large = builder.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024));
        GatewayProperties.Services at = properties.services();
        this.services = Map.of(
                Part.BILLING, large.clone().baseUrl(at.billing()).build(),
                Part.CATALOG, large.clone().baseUrl(at.catalog()).build(),
                Part.ANALYTICS, large.clone().baseUrl(at.analytics()).build());
    }

    /** The part as the service streams it; never held in memory here. */
    Flux<DataBuffer> export(Part part) {
        return services.get(part).get().uri("/internal/backup").accept(MediaType.APPLICATION_JSON)
                .retrieve().bodyToFlux(DataBuffer.class);
    }

    /** Sends a part to its service; answers the service's counts of what changed (or would, in a dry run). */
    Mono<JsonNode> importPart(Part part, Object body, boolean dryRun) {
        return services.get(part).post().uri(uri -> uri.path("/internal/import").queryParam("dryRun", dryRun).build())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .onErrorMap(e -> new BackupPartException(part, e instanceof WebClientResponseException response
                        ? "HTTP " + response.getStatusCode().value() + " " + response.getResponseBodyAsString()
                        : e.getMessage(), e));
    }
}
