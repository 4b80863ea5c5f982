package io.owm.catalog.openwebui;

import io.owm.catalog.CatalogProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenWebUI's HTTP API, as the catalog (its only caller in this system) uses it: the model list, a chat
 * completion for connectivity tests, and the user groups with their members. Every failure becomes an
 * {@link OpenWebUiException} whose message says what went wrong and what to check, since a wrong
 * {@code OPENWEBUI_DOMAIN} inside a container is the most common support question of the original app.
 */
@Component
public class OpenWebUi {

    static final String MODELS_PATH = "/api/models";
    static final String COMPLETIONS_PATH = "/api/chat/completions";
    static final String GROUPS_PATH = "/api/v1/groups/";
    /** How many groups' members are asked for at once. */
    private static final int MEMBER_REQUESTS = 4;
    /** What the original app asks a model in a connectivity test. */
    static final String TEST_PROMPT = "test, just say hi";

    private final WebClient http;
    private final JsonMapper json;
    private final String domain;
    private final String apiKey;
    private final Duration requestTimeout;

    OpenWebUi(WebClient.Builder builder, JsonMapper json, CatalogProperties properties) {
        this.http = builder.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
        this.json = json;
        this.domain = stripTrailingSlash(properties.openwebuiDomain().trim());
        this.apiKey = properties.openwebuiApiKey().trim();
        this.requestTimeout = properties.requestTimeout();
    }

    /** The models OpenWebUI offers ({@code GET /api/models}). */
    public Mono<List<OpenWebUiModel>> models() {
        return call(MODELS_PATH, requestTimeout, uri -> http.get().uri(uri))
                .map(body -> parseModels(readJson(body, MODELS_PATH)));
    }

    /**
     * Every group with its members. OpenWebUI up to 0.6.36 lists the members with each group ({@code user_ids});
     * later versions list only a count, and from 0.6.41 give the members in a group's export. 0.6.37 to 0.6.40 give
     * no members at all, which fails with a message that says to upgrade.
     */
    public Mono<List<OpenWebUiGroup>> groups() {
        return call(GROUPS_PATH, requestTimeout, uri -> http.get().uri(uri))
                .map(body -> readJson(body, GROUPS_PATH))
                .flatMapMany(root -> {
                    if (!root.isArray()) {
                        return Flux.error(invalid(GROUPS_PATH, "JSON that is not a list of groups"));
                    }
                    return Flux.fromIterable(root);
                })
                .flatMapSequential(this::withMembers, MEMBER_REQUESTS)
                .collectList();
    }

    private Mono<OpenWebUiGroup> withMembers(JsonNode group) {
        String id = text(group.path("id"));
        String name = text(group.path("name"));
        if (id == null || name == null) {
            return Mono.error(invalid(GROUPS_PATH, "a group without an id or a name"));
        }
        if (group.path("user_ids").isArray()) {
            return Mono.just(new OpenWebUiGroup(id, name, userIds(group.path("user_ids"), GROUPS_PATH)));
        }
        String exportPath = "/api/v1/groups/id/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/export";
        return call(exportPath, requestTimeout, uri -> http.get().uri(URI.create(uri)))
                .onErrorMap(e -> e instanceof OpenWebUiException missing && missing.kind().equals("not_found"),
                        e -> new OpenWebUiException("unsupported", "OpenWebUI at " + domain + " lists groups"
                                + " without their members and has no " + exportPath + ": OpenWebUI 0.6.37 to 0.6.40"
                                + " give no group members to an API; upgrade OpenWebUI to 0.6.41 or later for"
                                + " plans per group", e))
                .map(body -> new OpenWebUiGroup(id, name,
                        userIds(readJson(body, exportPath).path("user_ids"), exportPath)));
    }

    private static List<String> userIds(JsonNode ids, String path) {
        if (!ids.isArray()) {
            throw invalid(path, "a group without a \"user_ids\" list");
        }
        List<String> userIds = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            String userId = text(id);
            if (userId == null || userId.isBlank()) {
                throw invalid(path, "a member id that is not a string");
            }
            userIds.add(userId);
        }
        return userIds;
    }

    /** Asks one model to say hi through OpenWebUI and answers its reply text. */
    public Mono<String> sayHi(String modelId, Duration timeout) {
        Map<String, Object> request = Map.of(
                "model", modelId,
                "stream", false,
                "messages", List.of(Map.of("role", "user", "content", TEST_PROMPT)),
                // Marks the call as a background task: the monitor function skips tasks, so a test is never charged.
                "metadata", Map.of("task", "owm_model_test"));
        return call(COMPLETIONS_PATH, timeout, uri -> http.post().uri(uri).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(request))
                .map(body -> replyText(readJson(body, COMPLETIONS_PATH)));
    }

    private Mono<String> call(String path, Duration timeout,
            Function<String, WebClient.RequestHeadersSpec<?>> request) {
        if (domain.isEmpty()) {
            return Mono.error(new OpenWebUiException("not_configured",
                    "OPENWEBUI_DOMAIN is not set: the catalog cannot reach OpenWebUI. Set it to OpenWebUI's address"
                            + " as this service sees it, e.g. http://open-webui:8080"));
        }
        String uri = domain + path;
        return request.apply(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> bodyOf(response, path))
                .timeout(timeout)
                .onErrorMap(TimeoutException.class, e -> new OpenWebUiException("timeout",
                        "OpenWebUI at " + domain + " did not answer " + path + " within " + timeout.toSeconds()
                                + " s", e))
                .onErrorMap(WebClientRequestException.class, e -> new OpenWebUiException("unreachable",
                        "Cannot reach OpenWebUI at " + domain + " (" + rootMessage(e) + "). Check OPENWEBUI_DOMAIN:"
                                + " inside a container, localhost is the container itself; use OpenWebUI's service"
                                + " name (e.g. http://open-webui:8080) or http://host.docker.internal:3000", e));
    }

    private Mono<String> bodyOf(ClientResponse response, String path) {
        HttpStatusCode status = response.statusCode();
        if (status.is2xxSuccessful()) {
            return response.bodyToMono(String.class).defaultIfEmpty("");
        }
        OpenWebUiException error;
        if (status.value() == 401 || status.value() == 403) {
            error = new OpenWebUiException("unauthorized", "OpenWebUI refused OPENWEBUI_API_KEY (HTTP "
                    + status.value() + "): use an API key of an OpenWebUI admin (Settings > Account > API keys)");
        } else if (status.value() == 404) {
            error = new OpenWebUiException("not_found", "OpenWebUI at " + domain + " has no " + path + " (HTTP 404):"
                    + " OPENWEBUI_DOMAIN must be OpenWebUI's own address, without a path");
        } else {
            error = new OpenWebUiException("unavailable", "OpenWebUI at " + domain + " answered " + path
                    + " with HTTP " + status.value());
        }
        return response.releaseBody().then(Mono.error(error));
    }

    private JsonNode readJson(String body, String path) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw invalid(path, "an answer that is not JSON (" + abbreviate(body) + "); is OPENWEBUI_DOMAIN the"
                    + " address of OpenWebUI and not of another site or a login page?");
        }
    }

    private List<OpenWebUiModel> parseModels(JsonNode root) {
        JsonNode data = root.path("data");
        if (!data.isArray()) {
            throw invalid(MODELS_PATH, "JSON without a \"data\" list of models");
        }
        List<OpenWebUiModel> models = new ArrayList<>();
        for (JsonNode model : data) {
            String id = text(model.path("id"));
            if (id == null || id.isBlank()) {
                throw invalid(MODELS_PATH, "a model without an id");
            }
            JsonNode info = model.path("info");
            models.add(new OpenWebUiModel(id, text(model.path("name")), text(info.path("base_model_id")),
                    text(info.path("meta").path("profile_image_url")), text(info.path("params").path("system"))));
        }
        return models;
    }

    private static String replyText(JsonNode root) {
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        if (content.isMissingNode() || content.isNull()) {
            throw invalid(COMPLETIONS_PATH, "a completion without choices[0].message.content");
        }
        return content.isString() ? content.stringValue() : content.toString();
    }

    private static OpenWebUiException invalid(String path, String what) {
        return new OpenWebUiException("invalid_response", "OpenWebUI answered " + path + " with " + what);
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 80 ? flat.substring(0, 80) + "..." : flat;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
