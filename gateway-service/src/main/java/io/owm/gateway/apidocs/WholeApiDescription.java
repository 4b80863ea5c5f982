package io.owm.gateway.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes the gateway's {@code /v3/api-docs} describe the whole API its clients see: the gateway's own endpoints
 * (function API, backups, console settings) plus the services' admin endpoints it routes, each with the key it
 * takes. The services' {@code /internal} paths are not routed and are left out.
 */
@Component
class WholeApiDescription implements OpenApiCustomizer {

    static final String FUNCTION_KEY = "functionKey";
    static final String ADMIN_TOKEN = "adminToken";

    private final ServiceApiDocs services;

    WholeApiDescription(ServiceApiDocs services) {
        this.services = services;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title("OpenWebUI Monitor on Kafka").version("v1").description(
                "The function API that OpenWebUI functions call (key: API_KEY) and the admin API (key: ACCESS_TOKEN),"
                        + " both as `Authorization: Bearer <key>`. Errors answer"
                        + " `{\"success\": false, \"error\": \"...\", \"error_type\": \"...\"}`."));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        components.addSecuritySchemes(FUNCTION_KEY, bearer("API_KEY: what the OpenWebUI function sends"));
        components.addSecuritySchemes(ADMIN_TOKEN, bearer("ACCESS_TOKEN: the admin API and console"));
        Map<String, PathItem> paths = new TreeMap<>(api.getPaths() == null ? Map.of() : api.getPaths());
        services.known().forEach((service, part) -> {
            if (part.getPaths() != null) {
                part.getPaths().forEach((path, item) -> {
                    if (!path.startsWith("/internal")) {
                        paths.putIfAbsent(path, item);
                    }
                });
            }
            if (part.getComponents() != null && part.getComponents().getSchemas() != null) {
                part.getComponents().getSchemas().forEach(components::addSchemas);
            }
        });
        Paths merged = new Paths();
        paths.forEach((path, item) -> {
            String scheme = path.equals("/api/v1/inlet") || path.equals("/api/v1/outlet") ? FUNCTION_KEY
                    : ADMIN_TOKEN;
            item.readOperations().forEach(operation -> operation.setSecurity(
                    List.of(new SecurityRequirement().addList(scheme))));
            merged.addPathItem(path, item);
        });
        api.components(components).paths(merged);
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description(description);
    }
}
