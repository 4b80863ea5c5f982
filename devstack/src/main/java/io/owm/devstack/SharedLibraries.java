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
 * on its own class loader. Shared: a library every service has in the same version (the same file) that refers only
 * to shared libraries: those that do not build on Spring, and Spring Framework's base (core, beans, AOP, context,
 * expressions), whose references all lead to libraries every service has. The rest of Spring stays with each
 * service, because its libraries refer to ones that only some services have (spring-webflux to the gateway's
 * webjars locator, Spring Boot's auto-configuration to Spring Data): loaded once, they would see only what all
 * services have (docs/decisions.md, "The devstack's services share one JVM"). Where the shared Spring finds
 * extensions through its own class loader, each hosted service hands it its own ({@code HostedStart}).
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

    /**
     * Spring Framework's base modules: they refer to each other and to libraries in {@link #SPRING_FREE} only
     * (checked with jdeps over the four class paths, see the decision). The version follows the prefix, so that
     * spring-context-support, say, is not one of them.
     */
    static final List<String> SPRING_BASE = List.of("spring-core-", "spring-beans-", "spring-aop-",
            "spring-context-", "spring-expression-");

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
            if (isShareable(library.getKey()) && libraries.values().stream()
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

    static boolean isShareable(String fileName) {
        return SPRING_FREE.stream().anyMatch(fileName::startsWith)
                || SPRING_BASE.stream().anyMatch(prefix -> fileName.startsWith(prefix)
                        && fileName.length() > prefix.length() && Character.isDigit(fileName.charAt(prefix.length())));
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
