package io.owm.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which environment variables a deployment of a service must set, and which it may set, derived from the
 * service's {@code application.yml}: every {@code ${NAME}} / {@code ${NAME:default}} placeholder, plus the Spring
 * properties whose file value only fits a developer's machine (localhost endpoints, database credentials), set
 * through relaxed binding.
 */
final class EnvironmentContract {

    private static final String MANAGEMENT_PORT_STAYS = "the management port stays at its default in containers too:"
            + " the image's EXPOSE and healthcheck, the probes, the Services, the NetworkPolicies and the scrape targets"
            + " use it";

    /** Read by a service but deliberately not set by the deployments; each with the reason. */
    static final Map<String, Map<String, String>> OPTIONAL = Map.of(
            "gateway-service", Map.of(
                    "GATEWAY_PORT", "the container port stays 7878: the image's EXPOSE, the Services, the NetworkPolicies"
                            + " and the Ingress use it; compose maps GATEWAY_PORT to the host port instead",
                    "OWM_MANAGEMENT_PORT", MANAGEMENT_PORT_STAYS),
            "billing-service", Map.of("OWM_MANAGEMENT_PORT", MANAGEMENT_PORT_STAYS),
            "catalog-service", Map.of("OWM_MANAGEMENT_PORT", MANAGEMENT_PORT_STAYS),
            "analytics-service", Map.of("OWM_MANAGEMENT_PORT", MANAGEMENT_PORT_STAYS));

    /** Set by the Kubernetes manifests only to be expanded into other variables with $(NAME); never read. */
    static final Map<String, String> EXPANSION_HELPERS = Map.of(
            "POSTGRES_HOST", "expanded into SPRING_R2DBC_URL and SPRING_FLYWAY_URL",
            "POSTGRES_PORT", "expanded into SPRING_R2DBC_URL and SPRING_FLYWAY_URL",
            "OWM_FROM_GENERATED", "read by compose's with-secrets.sh before Java starts, which fills the variables it"
                    + " names from the generated secrets");

    /**
     * Set ahead of the code that reads them. Once application.yml reads them this entry changes nothing and can go.
     */
    static final Map<String, Map<String, String>> ANNOUNCED = Map.of(
            "catalog-service", Map.of(
                    "OPENWEBUI_DOMAIN", "the catalog's OpenWebUI client (model sync) reads it",
                    "OPENWEBUI_API_KEY", "the catalog's OpenWebUI client (model sync) reads it"));

    /** Read by every service outside its application.yml: by Spring Boot itself or by service-support's code. */
    static final Map<String, String> READ_BY_EVERY_SERVICE = Map.of(
            "OTEL_EXPORTER_OTLP_ENDPOINT", "service-support's OtlpEndpointFromEnvironment makes it the trace exporter's"
                    + " endpoint; unset, nothing is exported",
            "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "Spring Boot's own tracing setting (default 0.1)",
            "LOGGING_STRUCTURED_FORMAT_CONSOLE", "Spring Boot's own logging setting (unset: plain text)");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\\[\\]]+)(?::[^}]*)?}");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(KEY|TOKEN|PASSWORD|SECRET|CREDENTIAL).*");

    private EnvironmentContract() {
    }

    static boolean looksSecret(String name) {
        return SECRET_LIKE.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    /** Every variable the service reads through a placeholder. */
    static Set<String> placeholders(Service service) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(service.applicationYmlText());
        while (matcher.find()) {
            if (ENVIRONMENT_NAME.matcher(matcher.group(1)).matches()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** What a deployment must set for the service to work outside a developer's machine. */
    static Set<String> required(Service service) {
        Set<String> names = new TreeSet<>(placeholders(service));
        flatten("", service.applicationYml(), (property, value) -> {
            boolean literal = !value.contains("${");
            boolean credential = property.endsWith(".username") || property.endsWith(".password");
            if (literal && (value.contains("localhost") || credential)) {
                names.add(relaxedName(property));
            }
        });
        names.removeAll(OPTIONAL.getOrDefault(service.name(), Map.of()).keySet());
        return names;
    }

    /** What the service can read at all: placeholders and every property of its file in relaxed form. */
    static Set<String> readable(Service service) {
        Set<String> names = new TreeSet<>(placeholders(service));
        flatten("", service.applicationYml(), (property, value) -> {
            names.add(relaxedName(property));
            names.add(property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT));
        });
        return names;
    }

    /** Missing and unknown variables of one service in one deployment, as readable problems. */
    static List<String> problems(Service service, Set<String> set, String where) {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(required(service));
        missing.removeAll(set);
        if (!missing.isEmpty()) {
            problems.add(where + ": " + service.name() + " reads " + missing + " (application.yml) but they are not set");
        }
        Set<String> unknown = new TreeSet<>(set);
        unknown.removeAll(readable(service));
        unknown.removeAll(EXPANSION_HELPERS.keySet());
        unknown.removeAll(READ_BY_EVERY_SERVICE.keySet());
        unknown.removeAll(ANNOUNCED.getOrDefault(service.name(), Map.of()).keySet());
        unknown.remove("JAVA_TOOL_OPTIONS");
        if (!unknown.isEmpty()) {
            problems.add(where + ": " + service.name() + " gets " + unknown + ", which its application.yml never reads");
        }
        return problems;
    }

    /** Spring's documented environment form of a property: dots and dashes become underscores. */
    static String relaxedName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static void flatten(String prefix, Map<String, Object> map, java.util.function.BiConsumer<String, String> leaf) {
        map.forEach((key, value) -> {
            String property = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?>) {
                flatten(property, Repo.map(value), leaf);
            } else if (!(value instanceof List<?>)) {
                leaf.accept(property, String.valueOf(value));
            }
        });
    }
}
