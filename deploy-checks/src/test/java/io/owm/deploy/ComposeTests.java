package io.owm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose.yml through Debian's docker-compose (v1), which validates and resolves it without an engine. */
class ComposeTests {

    static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");
    static final List<String> ORIGINAL_VARIABLES = List.of("OPENWEBUI_DOMAIN", "OPENWEBUI_API_KEY", "API_KEY", "ACCESS_TOKEN",
            "DEFAULT_MODEL_INPUT_PRICE", "DEFAULT_MODEL_OUTPUT_PRICE", "DEFAULT_MODEL_PER_MSG_PRICE", "INIT_BALANCE", "COST_ON_INLET");
    static final Set<String> PUBLISHED = Set.of("gateway-service", "grafana");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+(:?[-?][^}]*)?}");

    static Path envFile;

    @BeforeAll
    static void dockerComposeIsInstalled() throws IOException {
        if (!Files.isExecutable(DOCKER_COMPOSE)) {
            fail(DOCKER_COMPOSE + " is missing: install Debian's docker-compose (apt-get install docker-compose);"
                    + " .ci/run does this");
        }
        // .env.example with every required secret filled in, as an admin's .env would be.
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Repo.path(".env.example"))) {
            lines.add(line.matches("[A-Z_]+=") ? line + "test-" + line.substring(0, line.length() - 1).toLowerCase() : line);
        }
        envFile = Files.createTempFile("owm-compose", ".env");
        Files.write(envFile, lines);
    }

    @Test
    void composeFileIsValid() {
        assertThat(compose(List.of("config", "-q"), Map.of())).isEmpty();
    }

    @Test
    void startsWithoutAnEnvFileEverySecretLeftEmptyTakenFromTheGeneratedOnes() throws IOException {
        Path empty = Files.createTempFile("owm-compose", ".env");
        Result result = run(List.of("--env-file", empty.toString(), "-f", "docker-compose.yml", "config"), Map.of());
        assertThat(result.exit()).as(result.err()).isZero();
        Map<String, Object> services = Repo.map(Repo.yamlDocuments(result.out(), "docker-compose config").get(0)
                .get("services"));
        List<String> uncovered = new ArrayList<>();
        services.forEach((name, definition) -> {
            Map<String, Object> environment = Repo.map(Repo.map(definition).get("environment"));
            Set<String> generated = new TreeSet<>();
            for (String pair : String.valueOf(environment.getOrDefault("OWM_FROM_GENERATED", "")).split("\\s+")) {
                if (!pair.isBlank()) {
                    generated.add(pair.split("=")[0]);
                }
            }
            environment.forEach((key, value) -> {
                boolean unset = value == null || String.valueOf(value).isEmpty();
                // OPENWEBUI_API_KEY is OpenWebUI's to issue; without it the catalog says that model sync needs it.
                if (EnvironmentContract.looksSecret(key) && unset && !generated.contains(key)
                        && !name.equals("secrets") && !key.equals("OPENWEBUI_API_KEY")) {
                    uncovered.add(name + ": " + key);
                }
            });
            if (!generated.isEmpty() && !name.equals("secrets")) {
                assertThat(Repo.list(Repo.map(definition).get("entrypoint"))).as(name).contains("/owm/with-secrets.sh");
            }
        });
        assertThat(uncovered).as("secrets left empty without a generated one").isEmpty();
        assertThat(Repo.list(Repo.map(services.get("secrets")).get("entrypoint"))).contains("/owm/secrets.sh");
    }

    @Test
    void generatedSecretsAreMadeOnceAndAValueFromEnvWins() throws IOException, InterruptedException {
        Path volume = Files.createTempDirectory("owm-secrets");
        String secretsScript = Repo.read(Repo.path("deploy/compose/secrets.sh")).replace("/run/owm-secrets", volume.toString());
        String wrapper = Repo.read(Repo.path("deploy/compose/with-secrets.sh")).replace("/run/owm-secrets", volume.toString());
        Path secrets = Files.writeString(volume.resolve("secrets.sh"), secretsScript);
        Path withSecrets = Files.writeString(volume.resolve("with-secrets.sh"), wrapper);

        assertThat(shell(Map.of(), "sh", secrets.toString())).contains("generated");
        String first = Files.readString(volume.resolve("generated.env"));
        assertThat(shell(Map.of(), "sh", secrets.toString())).contains("kept");
        assertThat(Files.readString(volume.resolve("generated.env"))).isEqualTo(first);
        assertThat(first).containsPattern("(?m)^GENERATED_API_KEY=sk-owm-[0-9a-f]{64}$")
                .containsPattern("(?m)^GENERATED_OWM_INTERNAL_TOKEN=[0-9a-f]{64}$");

        String started = shell(Map.of("ACCESS_TOKEN", "from-env",
                        "OWM_FROM_GENERATED", "API_KEY=API_KEY ACCESS_TOKEN=ACCESS_TOKEN SPRING_R2DBC_PASSWORD=BILLING_DB_PASSWORD"),
                "sh", withSecrets.toString(), "sh", "-c", "echo $API_KEY $ACCESS_TOKEN $SPRING_R2DBC_PASSWORD");
        String[] values = started.trim().split(" ");
        assertThat(values[0]).startsWith("sk-owm-").isNotEqualTo(values[2]);
        assertThat(values[1]).isEqualTo("from-env");
        assertThat(first).contains("GENERATED_BILLING_DB_PASSWORD=" + values[2]);
    }

    private static String shell(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void everyServiceGetsTheSameInternalTokenFromTheEnvironmentFile() {
        Map<String, Object> resolved = resolved(List.of(), Map.of());
        for (Service service : Service.all()) {
            assertThat(Repo.map(service(resolved, service.name()).get("environment"))).as(service.name())
                    .containsEntry("OWM_INTERNAL_TOKEN", "test-owm_internal_token");
        }
    }

    @Test
    void externalPostgresAndKafkaOverridesAreValidAndRedirectTheServices() {
        Map<String, Object> resolved = resolved(List.of("-f", "deploy/compose/external-postgres.yml", "-f", "deploy/compose/external-kafka.yml"),
                Map.of("POSTGRES_HOST", "db.internal", "KAFKA_BOOTSTRAP_SERVERS", "k1.internal:9092"));

        Map<String, Object> billing = service(resolved, "billing-service");
        assertThat(Repo.map(billing.get("environment")))
                .containsEntry("SPRING_R2DBC_URL", "r2dbc:postgresql://db.internal:5432/billing")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "k1.internal:9092");
        assertThat(Repo.list(service(resolved, "postgres").get("entrypoint"))).containsExactly("sleep");
        assertThat(Repo.list(service(resolved, "kafka").get("entrypoint"))).containsExactly("sleep");
    }

    @Test
    void everyServiceGetsTheVariablesItsApplicationYmlReads() {
        Map<String, Object> resolved = resolved(List.of(), Map.of());
        List<String> problems = new ArrayList<>();
        for (Service service : Service.all()) {
            Set<String> set = new TreeSet<>(Repo.map(service(resolved, service.name()).get("environment")).keySet());
            problems.addAll(EnvironmentContract.problems(service, set, "docker-compose.yml"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void secretsComeOnlyFromTheEnvironmentFile() {
        Map<String, Object> raw = Repo.yaml(Repo.path("docker-compose.yml"));
        List<String> literals = new ArrayList<>();
        Repo.map(raw.get("services")).forEach((name, definition) -> Repo.map(Repo.map(definition).get("environment")).forEach((key, value) -> {
            if (EnvironmentContract.looksSecret(key) && !INTERPOLATION.matcher(String.valueOf(value)).matches()) {
                literals.add(name + ": " + key);
            }
        }));
        // The x- blocks merged into several services' environment (<<: *internal-token) hold variables too.
        raw.forEach((block, definition) -> {
            if (block.startsWith("x-") && definition instanceof Map<?, ?>) {
                Repo.map(definition).forEach((key, value) -> {
                    // Only variables: x-needs-infrastructure maps service names (one is "secrets") to conditions.
                    if (!(value instanceof Map<?, ?>) && EnvironmentContract.looksSecret(key)
                            && !INTERPOLATION.matcher(String.valueOf(value)).matches()) {
                        literals.add(block + ": " + key);
                    }
                });
            }
        });
        assertThat(literals).as("secret-looking variables with a literal value").isEmpty();
    }

    @Test
    void onlyTheGatewayAndGrafanaArePublishedAndEveryContainerIsBoundedAndChecked() {
        Map<String, Object> resolved = resolved(List.of(), Map.of());
        Map<String, Object> services = Repo.map(resolved.get("services"));

        services.forEach((name, definition) -> {
            Map<String, Object> service = Repo.map(definition);
            assertThat(service.containsKey("ports")).as(name + " published").isEqualTo(PUBLISHED.contains(name));
            assertThat(service).as(name).containsKey("mem_limit").containsKey("healthcheck").containsKey("restart");
            Repo.map(service.get("depends_on")).forEach((dependency, condition) -> {
                if (dependency.equals("secrets")) {
                    // A one-shot: waited for until it has ended well, not until healthy.
                    assertThat(Repo.map(condition)).containsEntry("condition", "service_completed_successfully");
                    return;
                }
                assertThat(Repo.map(condition)).as(name + " -> " + dependency).containsEntry("condition", "service_healthy");
                assertThat(Repo.map(services.get(dependency))).as(dependency + " needs a healthcheck").containsKey("healthcheck");
            });
            Repo.list(service.get("volumes")).forEach(volume -> {
                // docker-compose v1 prints the short form "source:target:mode", v2 the long form with "source".
                String source = volume instanceof Map<?, ?> map ? String.valueOf(map.get("source")) : String.valueOf(volume).split(":")[0];
                assertThat(source.startsWith("/") || Repo.map(resolved.get("volumes")).containsKey(source))
                        .as(name + " mounts " + source + ": a file of the repository or a named volume").isTrue();
            });
        });
        assertThat(Repo.map(resolved.get("volumes"))).containsKeys("owm-secrets", "kafka-data", "postgres-data", "prometheus-data", "grafana-data");
        assertThat(Repo.list(service(resolved, "gateway-service").get("ports"))).singleElement()
                .satisfies(port -> assertThat(String.valueOf(Repo.map(port).get("target"))).isEqualTo(String.valueOf(Service.load("gateway-service").port())));
    }

    @Test
    void serviceHealthchecksUseTheManagementPortsAndGatewayRoutesTheApiPorts() {
        Map<String, Object> resolved = resolved(List.of(), Map.of());
        for (Service service : Service.all()) {
            assertThat(Repo.list(Repo.map(service(resolved, service.name()).get("healthcheck")).get("test")))
                    .containsExactly("CMD", "healthcheck", String.valueOf(service.managementPort()));
            Map<String, Object> build = Repo.map(service(resolved, service.name()).get("build"));
            assertThat(build).containsEntry("dockerfile", "deploy/docker/Dockerfile");
            assertThat(Repo.map(build.get("args"))).containsEntry("SERVICE", service.name())
                    .containsEntry("API_PORT", String.valueOf(service.port()))
                    .containsEntry("MANAGEMENT_PORT", String.valueOf(service.managementPort()));
        }
        Map<String, Object> gateway = Repo.map(service(resolved, "gateway-service").get("environment"));
        for (String target : List.of("billing", "catalog", "analytics")) {
            assertThat(gateway).containsEntry("OWM_" + target.toUpperCase() + "_URL",
                    "http://" + target + "-service:" + Service.load(target + "-service").port());
        }
    }

    @Test
    void envExampleKeepsTheOriginalVariableNames() {
        String example = Repo.read(Repo.path(".env.example"));
        assertThat(ORIGINAL_VARIABLES).allSatisfy(name -> assertThat(example).containsPattern("(?m)^" + name + "="));
    }

    @Test
    void prometheusScrapesEveryServiceOnItsManagementPort() {
        Map<String, Object> prometheus = Repo.yaml(Repo.path("deploy/prometheus/prometheus.yml"));
        Map<String, Object> job = Repo.list(prometheus.get("scrape_configs")).stream().map(Repo::map)
                .filter(j -> "/actuator/prometheus".equals(j.get("metrics_path"))).findFirst().orElseThrow();
        List<Object> targets = new ArrayList<>();
        Repo.list(job.get("static_configs")).forEach(c -> targets.addAll(Repo.list(Repo.map(c).get("targets"))));

        assertThat(targets).containsExactlyInAnyOrderElementsOf(Service.all().stream().map(s -> s.name() + ":" + s.managementPort()).toList());
        assertThat(Repo.read(Repo.path("deploy/grafana/provisioning/dashboards/openwebui-monitor.yml"))).contains("/etc/grafana/dashboards");
        assertThat(Repo.read(Repo.path("docker-compose.yml"))).contains("./deploy/grafana/dashboards:/etc/grafana/dashboards:ro");
    }

    private static Map<String, Object> service(Map<String, Object> resolved, String name) {
        return Repo.map(Repo.map(resolved.get("services")).get(name));
    }

    private static Map<String, Object> resolved(List<String> overrides, Map<String, String> environment) {
        List<String> arguments = new ArrayList<>(overrides);
        arguments.add("config");
        return Repo.yamlDocuments(compose(arguments, environment), "docker-compose config").get(0);
    }

    /** Runs docker-compose on the root compose file and returns its output; a non-zero exit fails the test. */
    private static String compose(List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("--env-file", envFile.toString(), "-f", "docker-compose.yml"));
        command.addAll(arguments);
        Result result = run(command, environment);
        assertThat(result.exit()).as("docker-compose " + command + ":\n" + result.err()).isZero();
        return result.out();
    }

    record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.ROOT.toFile());
        // Only what the test passes: variables of the machine running the build must not leak into the check.
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> !Set.of("PATH", "HOME", "LANG").contains(key));
        env.putAll(new LinkedHashMap<>(environment));
        try {
            Path stderr = Files.createTempFile("owm-compose", ".err");
            Process process = builder.redirectError(stderr.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker-compose did not finish within 60 s");
            }
            return new Result(process.exitValue(), output, Files.readString(stderr));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
