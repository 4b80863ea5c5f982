package io.owm.servicehost;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the host runs, as a properties document:
 * <pre>
 * services = billing-service,gateway-service
 * billing-service.application = /data/jars/billing-service/billing-service.jar
 * billing-service.libraries = /data/jars/billing-service/lib/spring-core-7.0.8.jar:...
 * billing-service.env.SERVER_PORT = 7881
 * </pre>
 * {@code libraries} are the service's own, the ones not on the host's class path; {@code env.*} is the service's
 * environment, layered over the JVM's as a container's would be.
 */
record ServicePlan(List<Service> services) {

    record Service(String name, Path application, List<Path> libraries,
            Map<String, String> environment) {
    }

    static ServicePlan read(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        return of(properties);
    }

    static ServicePlan of(Properties properties) {
        String names = properties.getProperty("services", "").trim();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("The plan names no services (services=a,b,...)");
        }
        List<Service> services = new ArrayList<>();
        for (String name : names.split("\\s*,\\s*")) {
            services.add(service(name, properties));
        }
        return new ServicePlan(List.copyOf(services));
    }

    private static Service service(String name, Properties properties) {
        Path application = Path.of(required(properties, name + ".application"));
        if (!Files.isRegularFile(application)) {
            throw new IllegalArgumentException(name + ".application is not a file: " + application);
        }
        String libraries = properties.getProperty(name + ".libraries", "").trim();
        List<Path> paths = libraries.isEmpty() ? List.of()
                : Arrays.stream(libraries.split(java.io.File.pathSeparator)).map(Path::of).toList();
        String prefix = name + ".env.";
        Map<String, String> environment = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).sorted()
                .forEach(key -> environment.put(key.substring(prefix.length()), properties.getProperty(key)));
        return new Service(name, application, paths, Map.copyOf(environment));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The plan has no " + key);
        }
        return value.trim();
    }
}
