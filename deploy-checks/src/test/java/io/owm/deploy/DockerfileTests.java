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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one Dockerfile of the four services copies the jar Maven builds for the service its build argument names,
 * and the steps it runs on that jar (layer extraction, the class data sharing training run) work on every service's
 * real jar, without a broker or a database, as they must in {@code docker build}.
 */
class DockerfileTests {

    private static final Path DOCKERFILE = Repo.path("deploy/docker/Dockerfile");

    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "billing-service", "catalog-service", "analytics-service"})
    void dockerfileCopiesTheBuiltJarOfTheServiceItIsBuiltFor(String name) throws Exception {
        Service service = Service.load(name);
        String dockerfile = Repo.read(DOCKERFILE);
        String jarPath = name + "/target/" + finalName(service) + ".jar";

        assertThat(single(dockerfile, "(?m)^COPY (\\S+) application\\.jar$").replace("${SERVICE}", name))
                .isEqualTo(jarPath);
        assertThat(Repo.read(Repo.path(".dockerignore"))).contains("!" + jarPath);

        Path jar = Repo.path(jarPath);
        assertThat(jar).as("the service jar; build it first (./mvnw package; the reactor builds the services before"
                + " deploy-checks)").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Start-Class")).isEqualTo(applicationClass(service));
            assertThat(file.stream().anyMatch(e -> e.getName().matches("BOOT-INF/lib/spring-boot-jarmode-tools-.*\\.jar")))
                    .as("the tools jar mode that extracts the layers").isTrue();
            String layersIndex = new String(file.getInputStream(file.getEntry("BOOT-INF/layers.idx")).readAllBytes());
            assertThat(all(dockerfile, "(?m)^COPY --from=layers /build/extracted/([\\w-]+)/ \\./$"))
                    .as("layers copied in the jar's order").isEqualTo(all(layersIndex, "(?m)^- \"([\\w-]+)\":$"));
            // Only the macOS and Windows QUIC natives are left out: the Linux ones stay for either architecture.
            assertThat(file.stream().map(e -> e.getName()).filter(e -> e.contains("netty-codec-native-quic")))
                    .isNotEmpty().allMatch(e -> e.contains("-linux-"));
        }
    }

    @Test
    void imageRunsAsNonRootWithContainerAwareMemoryAndChecksItsManagementPort() {
        String dockerfile = Repo.read(DOCKERFILE);

        assertThat(single(dockerfile, "(?m)^USER (\\d+):\\d+$")).isNotEqualTo("0");
        assertThat(dockerfile).containsPattern("JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=\\d+");
        assertThat(single(dockerfile, "(?m)^EXPOSE (.+)$")).isEqualTo("${API_PORT} ${MANAGEMENT_PORT}");
        // The health check reads the management port the service itself reads.
        assertThat(single(dockerfile, "(?m)^ENV OWM_MANAGEMENT_PORT=(.+)$")).isEqualTo("${MANAGEMENT_PORT}");
        assertThat(single(dockerfile, "(?m)^HEALTHCHECK .* CMD (.+)$")).isEqualTo("[\"healthcheck\"]");
        assertThat(single(dockerfile, "(?m)^ENTRYPOINT (.+)$")).isEqualTo(
                "[\"java\", \"-XX:SharedArchiveFile=application.jsa\", \"-Xshare:auto\", \"-jar\", \"application.jar\"]");
    }

    /**
     * What {@code docker build} runs, run here on the real jar: extract the layers, lay them over each other as the
     * COPY lines do, make the class data sharing archive with the Dockerfile's own training command, then start
     * from it with {@code -Xshare:on}, which fails if the archive cannot be used.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gateway-service", "billing-service", "catalog-service", "analytics-service"})
    void theTrainingRunMakesAnArchiveTheServiceStartsFrom(String name, @TempDir Path work) throws Exception {
        String dockerfile = Repo.read(DOCKERFILE);
        Path jar = Repo.path(name + "/target/" + finalName(Service.load(name)) + ".jar");
        String extract = single(dockerfile, "(?ms)^RUN (java -Djarmode=tools -jar application\\.jar extract .*?)$\\n\\n")
                .replace("\\\n", " ").replace("application.jar extract", jar + " extract");
        assertThat(run(work, extract)).isZero();
        Path image = work.resolve("app");
        for (String layer : all(dockerfile, "(?m)^COPY --from=layers /build/extracted/([\\w-]+)/ \\./$")) {
            Repo.copyTree(work.resolve("extracted").resolve(layer), image);
        }
        String training = single(dockerfile, "(?ms)^RUN (OWM_INTERNAL_TOKEN=.*?-jar application\\.jar)$")
                .replace("\\\n", " ");
        assertThat(run(image, training)).as("the training run of " + name).isZero();
        assertThat(image.resolve("application.jsa")).isNotEmptyFile();

        String fromArchive = training.replace("-XX:ArchiveClassesAtExit=application.jsa",
                "-XX:SharedArchiveFile=application.jsa -Xshare:on");
        assertThat(run(image, fromArchive)).as(name + " started from its archive").isZero();
    }

    private static int run(Path directory, String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolveSibling(directory.getFileName() + ".log").toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command).isTrue();
        return process.exitValue();
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
            assertThat(healthcheckAsTheImageRunsIt(port)).isZero();
            status[0] = 503;
            assertThat(healthcheck(port)).isNotZero();
            server.stop(0);
            assertThat(healthcheck(port)).as("nothing listening").isNotZero();
        } finally {
            server.stop(0);
        }
    }

    /** As compose's healthcheck calls it, with the port. */
    private static int healthcheck(String port) throws IOException, InterruptedException {
        return exitOf(new ProcessBuilder("bash", Repo.path("deploy/docker/healthcheck.sh").toString(), port));
    }

    /** As the image's HEALTHCHECK calls it: the port is the service's own OWM_MANAGEMENT_PORT. */
    private static int healthcheckAsTheImageRunsIt(String port) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", Repo.path("deploy/docker/healthcheck.sh").toString());
        builder.environment().put("OWM_MANAGEMENT_PORT", port);
        return exitOf(builder);
    }

    private static int exitOf(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
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
