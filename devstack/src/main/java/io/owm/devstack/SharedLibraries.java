package io.owm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which of the services' libraries the shared JVM loads once, on its own class path, and which each service keeps
 * on its own class loader. Shared: a library every service has in the same version (the same file), from a
 * project that does not build on Spring. Spring and everything built on it stay with each service, because Spring
 * finds its extensions (auto-configurations, {@code spring.factories}) through the class loader that loaded Spring
 * itself, and because several of its libraries refer to ones that only some services have (spring-webflux to the
 * gateway's webjars locator, Spring Boot's auto-configuration to Spring Data): loaded once, they would see only
 * what all services have (docs/decisions.md, "The devstack's services share one JVM").
 */
final class SharedLibraries {

    /** File name prefixes of libraries that do not depend on Spring; checked with jdeps, see the decision. */
    static final List<String> SPRING_FREE = List.of("netty-", "kafka-clients-", "zstd-jni-", "lz4-java-",
            "snappy-java-", "jackson-", "reactor-core-", "reactive-streams-", "micrometer-commons-",
            "micrometer-core-", "micrometer-observation-", "micrometer-jakarta9-", "micrometer-registry-prometheus-",
            "prometheus-metrics-", "HdrHistogram-", "LatencyUtils-", "context-propagation-", "opentelemetry-",
            "logback-", "slf4j-api-", "jul-to-slf4j-", "log4j-api-", "log4j-to-slf4j-", "commons-logging-",
            "snakeyaml-", "jspecify-", "jakarta.", "swagger-", "commons-lang3-", "hibernate-validator-",
            "jboss-logging-", "classmate-", "tomcat-embed-el-");

    private final List<Path> shared;
    private final Map<String, List<Path>> own;

    private SharedLibraries(List<Path> shared, Map<String, List<Path>> own) {
        this.shared = shared;
        this.own = own;
    }

    /** Splits the libraries of the services' extracted folders ({@code <folder>/lib/*.jar}). */
    static SharedLibraries of(Map<String, Path> serviceFolders) {
        Map<String, Map<String, Path>> libraries = new LinkedHashMap<>();
        serviceFolders.forEach((service, folder) -> libraries.put(service, librariesIn(folder.resolve("lib"))));
        List<Path> shared = new ArrayList<>();
        Map<String, Path> first = libraries.values().iterator().next();
        for (Map.Entry<String, Path> library : first.entrySet()) {
            if (isSpringFree(library.getKey()) && libraries.values().stream()
                    .allMatch(other -> sameFile(library.getValue(), other.get(library.getKey())))) {
                shared.add(library.getValue());
            }
        }
        List<String> sharedNames = shared.stream().map(path -> path.getFileName().toString()).toList();
        Map<String, List<Path>> own = new LinkedHashMap<>();
        libraries.forEach((service, byName) -> own.put(service, byName.entrySet().stream()
                .filter(library -> !sharedNames.contains(library.getKey()))
                .map(Map.Entry::getValue)
                .toList()));
        return new SharedLibraries(List.copyOf(shared), own);
    }

    /** The shared JVM's class path, besides the host itself. */
    List<Path> shared() {
        return shared;
    }

    /** The libraries the service loads on its own class loader. */
    List<Path> ownedBy(String service) {
        return own.getOrDefault(service, List.of());
    }

    static boolean isSpringFree(String fileName) {
        return SPRING_FREE.stream().anyMatch(fileName::startsWith);
    }

    private static boolean sameFile(Path one, Path other) {
        try {
            return other != null && Files.size(one) == Files.size(other) && Files.mismatch(one, other) == -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Path> librariesIn(Path lib) {
        Map<String, Path> byName = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(lib)) {
            files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted()
                    .forEach(file -> byName.put(file.getFileName().toString(), file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + lib, e);
        }
        return byName;
    }
}
