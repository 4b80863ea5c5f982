package io.owm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules are valid, behave as their unit tests say (series that must fire them and series that must not),
 * and each links a runbook section that exists. Uses Debian's promtool (package prometheus; .ci/run installs it).
 */
class PrometheusRulesTests {

    private static final Path RULES = Repo.path("deploy/prometheus/rules");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void everyRuleFileIsValid() throws Exception {
        assertThat(PROMTOOL).as("Debian's prometheus package (apt-get install prometheus; .ci/run installs it)")
                .exists();
        for (Path rules : files(".rules.yml")) {
            assertThat(promtool("check", "rules", rules.toString())).as(rules.toString()).startsWith("0\n");
        }
    }

    @Test
    void everyRuleFileHasUnitTestsAndTheyPass() throws Exception {
        for (Path rules : files(".rules.yml")) {
            Path tests = rules.resolveSibling(rules.getFileName().toString().replace(".rules.yml", ".rules.test.yml"));
            assertThat(tests).as("unit tests of " + rules).exists();
            assertThat(promtool("test", "rules", tests.toString())).as(tests.toString()).startsWith("0\n");
        }
    }

    @Test
    void everyAlertLinksItsRunbookSection() throws IOException {
        String runbook = Repo.read(Repo.path("docs/runbook.md"));
        for (Path rules : files(".rules.yml")) {
            for (Object group : Repo.list(Repo.yaml(rules).get("groups"))) {
                for (Object rule : Repo.list(Repo.map(group).get("rules"))) {
                    Map<String, Object> alert = Repo.map(rule);
                    String name = (String) alert.get("alert");
                    if (name == null) {
                        // A recording rule: a series for the alerts, no runbook of its own.
                        assertThat(alert.get("record")).as("a rule of " + rules + " that is neither alert nor record")
                                .isNotNull();
                        continue;
                    }
                    assertThat(runbook).as("docs/runbook.md has a section for " + name).contains("\n## " + name + "\n");
                    assertThat(Repo.map(alert.get("annotations")).get("runbook_url"))
                            .isEqualTo("docs/runbook.md#" + name.toLowerCase());
                }
            }
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(RULES)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The exit code, a newline, and what promtool printed. */
    private static String promtool(String... args) throws Exception {
        List<String> command = Stream.concat(Stream.of(PROMTOOL.toString()), Stream.of(args)).toList();
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + "\n" + output;
    }
}
