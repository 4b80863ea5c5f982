package io.owm.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the four services as its own files describe it: the module folder, {@code application.yml} (read live,
 * so a variable added there shows up here) and the pom's final jar name.
 */
record Service(String name, Map<String, Object> applicationYml, String applicationYmlText) {

    static final List<String> NAMES = List.of("gateway-service", "billing-service", "catalog-service", "analytics-service");

    private static final Pattern PORT_PLACEHOLDER = Pattern.compile("\\$\\{[A-Z0-9_]+:(\\d+)}");

    static List<Service> all() {
        return NAMES.stream().map(Service::load).toList();
    }

    static Service load(String name) {
        Path yml = Repo.path(name + "/src/main/resources/application.yml");
        return new Service(name, Repo.yaml(yml), Repo.read(yml));
    }

    /** The port the service listens on inside a container: server.port, or the default of its placeholder. */
    int port() {
        String value = String.valueOf(Repo.at(applicationYml, "server.port"));
        Matcher placeholder = PORT_PLACEHOLDER.matcher(value);
        return Integer.parseInt(placeholder.matches() ? placeholder.group(1) : value);
    }

    /**
     * The port actuator (probes, metrics) listens on inside a container: management.server.port, or the default of
     * its placeholder. The API port does not serve actuator at all.
     */
    int managementPort() {
        Object value = Repo.at(applicationYml, "management.server.port");
        if (value == null) {
            throw new IllegalStateException(name + ": application.yml sets no management.server.port");
        }
        Matcher placeholder = PORT_PLACEHOLDER.matcher(String.valueOf(value));
        return Integer.parseInt(placeholder.matches() ? placeholder.group(1) : String.valueOf(value));
    }

    /** How long Spring waits for each shutdown phase; the orchestrators' grace periods must exceed it. */
    Duration shutdownPhaseTimeout() {
        String value = String.valueOf(Repo.at(applicationYml, "spring.lifecycle.timeout-per-shutdown-phase"));
        if (!value.matches("\\d+s")) {
            throw new IllegalStateException(name + ": timeout-per-shutdown-phase '" + value + "' is not in seconds");
        }
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }

    boolean usesDatabase() {
        return Repo.at(applicationYml, "spring.r2dbc.url") != null;
    }

    Path moduleDir() {
        return Repo.path(name);
    }
}
