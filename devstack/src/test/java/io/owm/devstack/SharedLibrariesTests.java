package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedLibrariesTests {

    @TempDir
    Path dir;

    @Test
    void onlyTheSameShareableLibraryInEveryServiceIsShared() throws IOException {
        Map<String, Path> folders = new LinkedHashMap<>();
        for (String service : new String[] {"billing-service", "gateway-service"}) {
            Path lib = Files.createDirectories(dir.resolve(service).resolve("lib"));
            Files.writeString(lib.resolve("netty-common-4.2.15.Final.jar"), "netty");
            Files.writeString(lib.resolve("spring-core-7.0.8.jar"), "spring");
            Files.writeString(lib.resolve("spring-boot-4.0.7.jar"), "spring boot");
            Files.writeString(lib.resolve("jackson-core-3.1.4.jar"), "jackson of " + service);
            folders.put(service, dir.resolve(service));
        }
        Files.writeString(dir.resolve("billing-service/lib/kafka-clients-4.1.2.jar"), "kafka");
        Files.writeString(dir.resolve("gateway-service/lib/jtokkit-1.1.0.jar"), "jtokkit");

        SharedLibraries libraries = SharedLibraries.of(folders);

        assertThat(libraries.shared()).extracting(path -> path.getFileName().toString())
                .containsExactly("netty-common-4.2.15.Final.jar", "spring-core-7.0.8.jar");
        assertThat(libraries.ownedBy("billing-service")).extracting(path -> path.getFileName().toString())
                .containsExactly("jackson-core-3.1.4.jar", "kafka-clients-4.1.2.jar", "spring-boot-4.0.7.jar");
        assertThat(libraries.ownedBy("gateway-service")).extracting(path -> path.getFileName().toString())
                .containsExactly("jackson-core-3.1.4.jar", "jtokkit-1.1.0.jar", "spring-boot-4.0.7.jar");
        assertThat(libraries.ownedBy("billing-service")).allMatch(path -> path.startsWith(dir.resolve("billing-service")));
    }

    @Test
    void springBeyondItsBaseAndWhatBuildsOnItAreNeverShared() {
        assertThat(SharedLibraries.isShareable("spring-boot-4.0.7.jar")).isFalse();
        assertThat(SharedLibraries.isShareable("spring-webflux-7.0.8.jar")).isFalse();
        assertThat(SharedLibraries.isShareable("spring-context-support-7.0.8.jar")).isFalse();
        assertThat(SharedLibraries.isShareable("reactor-netty-http-1.3.6.jar")).isFalse();
        assertThat(SharedLibraries.isShareable("micrometer-tracing-1.6.6.jar")).isFalse();
        assertThat(SharedLibraries.isShareable("service-support-0.1.0-SNAPSHOT.jar")).isFalse();
        assertThat(SharedLibraries.isShareable("reactor-core-3.8.6.jar")).isTrue();
        assertThat(SharedLibraries.isShareable("micrometer-core-1.16.6.jar")).isTrue();
        assertThat(SharedLibraries.isShareable("spring-core-7.0.8.jar")).isTrue();
        assertThat(SharedLibraries.isShareable("spring-context-7.0.8.jar")).isTrue();
        assertThat(SharedLibraries.isShareable("spring-expression-7.0.8.jar")).isTrue();
    }

    @Test
    void thePlanCarriesEachServicesPortsEnvironmentAndOwnLibraries() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("billing-service/lib"));
        Files.writeString(lib.resolve("spring-boot-4.0.7.jar"), "spring boot");
        Files.writeString(lib.resolve("slf4j-api-2.0.18.jar"), "slf4j");
        ServiceLaunch billing = new ServiceLaunch("billing-service", dir.resolve("billing-service/billing.jar"), 7881,
                7891, Map.of("INIT_BALANCE", "10", "API_KEY", "k:=1"), "-Xmx1g");

        java.util.Properties plan = new java.util.Properties();
        plan.load(new java.io.StringReader(SharedJvm.plan(java.util.List.of(billing),
                SharedLibraries.of(Map.of("billing-service", dir.resolve("billing-service"))))));

        assertThat(plan).containsEntry("services", "billing-service")
                .containsEntry("billing-service.application", dir.resolve("billing-service/billing.jar").toString())
                .containsEntry("billing-service.libraries", lib.resolve("spring-boot-4.0.7.jar").toString())
                .containsEntry("billing-service.env.SERVER_PORT", "7881")
                .containsEntry("billing-service.env.OWM_MANAGEMENT_PORT", "7891")
                .containsEntry("billing-service.env.INIT_BALANCE", "10")
                .containsEntry("billing-service.env.API_KEY", "k:=1");
    }
}
