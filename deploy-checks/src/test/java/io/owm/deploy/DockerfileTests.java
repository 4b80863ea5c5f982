package io.owm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each Dockerfile copies the jar Maven builds and starts it the way the jar itself says it starts. */
class DockerfileTests {

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "billing-service", "catalog-service", "analytics-service"})
    void dockerfileCopiesTheBuiltJarAndStartsItsLauncher(String name) throws Exception {
        Service service = Service.load(name);
        String dockerfile = Repo.read(Repo.path("deploy/docker/" + name + ".Dockerfile"));
        String jarPath = name + "/target/" + finalName(service) + ".jar";

        assertThat(single(dockerfile, "(?m)^COPY (\\S+) application\\.jar$")).isEqualTo(jarPath);
        assertThat(Repo.read(Repo.path(".dockerignore"))).contains("!" + jarPath);

        Path jar = Repo.path(jarPath);
        assertThat(jar).as("the service jar; build it first (./mvnw package; the reactor builds the services before"
                + " deploy-checks)").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String launcher = manifest.getMainAttributes().getValue("Main-Class");
            assertThat(single(dockerfile, "(?m)^ENTRYPOINT \\[\"java\", \"([\\w.]+)\"]$")).isEqualTo(launcher);
            assertThat(file.getEntry(launcher.replace('.', '/') + ".class")).as(launcher + " in the jar").isNotNull();
            assertThat(manifest.getMainAttributes().getValue("Start-Class")).isEqualTo(applicationClass(service));
            assertThat(file.stream().anyMatch(e -> e.getName().matches("BOOT-INF/lib/spring-boot-jarmode-tools-.*\\.jar")))
                    .as("the tools jar mode that extracts the layers").isTrue();
            String layersIndex = new String(file.getInputStream(file.getEntry("BOOT-INF/layers.idx")).readAllBytes());
            assertThat(all(dockerfile, "(?m)^COPY --from=layers /build/extracted/([\\w-]+)/ \\./$"))
                    .as("layers copied in the jar's order").isEqualTo(all(layersIndex, "(?m)^- \"([\\w-]+)\":$"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "billing-service", "catalog-service", "analytics-service"})
    void imageRunsAsNonRootWithContainerAwareMemoryAndChecksItsManagementPort(String name) {
        Service service = Service.load(name);
        String dockerfile = Repo.read(Repo.path("deploy/docker/" + name + ".Dockerfile"));

        assertThat(single(dockerfile, "(?m)^USER (\\d+):\\d+$")).isNotEqualTo("0");
        assertThat(dockerfile).containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=\\d+");
        assertThat(single(dockerfile, "(?m)^EXPOSE (\\d+ \\d+)$")).isEqualTo(service.port() + " " + service.managementPort());
        assertThat(single(dockerfile, "(?m)^HEALTHCHECK .* CMD \\[\"healthcheck\", \"(\\d+)\"]$")).isEqualTo(String.valueOf(service.managementPort()));
        assertThat(single(dockerfile, "(?m)^RUN java -Djarmode=tools -jar application\\.jar (extract .*)$"))
                .isEqualTo("extract --layers --launcher --destination extracted");
    }

    @Test
    void healthcheckScriptPassesOnlyWhenReadinessAnswers200() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] status = {200};
        server.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(status[0], -1);
            exchange.close();
        });
        server.start();
        try {
            String port = String.valueOf(server.getAddress().getPort());
            assertThat(healthcheck(port)).isZero();
            status[0] = 503;
            assertThat(healthcheck(port)).isNotZero();
            server.stop(0);
            assertThat(healthcheck(port)).as("nothing listening").isNotZero();
        } finally {
            server.stop(0);
        }
    }

    private static int healthcheck(String port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", Repo.path("deploy/docker/healthcheck.sh").toString(), port)
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    /** The pom's finalName with ${project.artifactId} resolved: the jar Maven writes to target/. */
    private static String finalName(Service service) throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(service.moduleDir().resolve("pom.xml").toFile());
        var root = pom.getDocumentElement();
        String artifactId = directChild(root, "artifactId");
        var build = root.getElementsByTagName("build");
        String finalName = build.getLength() == 0 ? null : directChild((org.w3c.dom.Element) build.item(0), "finalName");
        return finalName == null ? artifactId + "-" + directChild(root, "version") : finalName.replace("${project.artifactId}", artifactId);
    }

    private static String directChild(org.w3c.dom.Element parent, String tag) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof org.w3c.dom.Element element && element.getTagName().equals(tag)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    /** The class annotated @SpringBootApplication in the module's sources. */
    private static String applicationClass(Service service) throws IOException {
        Path sources = service.moduleDir().resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> classes = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> Repo.read(f).contains("@SpringBootApplication"))
                    .map(f -> sources.relativize(f).toString().replace(".java", "").replace('/', '.')).toList();
            assertThat(classes).as("@SpringBootApplication classes of " + service.name()).hasSize(1);
            return classes.get(0);
        }
    }

    private static String single(String text, String regex) {
        List<String> matches = all(text, regex);
        assertThat(matches).as("lines matching " + regex).hasSize(1);
        return matches.get(0);
    }

    private static List<String> all(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
