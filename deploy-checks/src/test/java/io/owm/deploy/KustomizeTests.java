package io.owm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KustomizeTests {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersToValidManifestsThatKeepEveryRule(String overlay) {
        Manifests manifests = Manifests.parse(Kustomize.render(overlayDir(overlay)), "kustomize " + overlay);

        assertThat(ManifestChecks.all(manifests, "kustomize " + overlay)).isEmpty();
        assertThat(manifests.objects).allSatisfy(o -> assertThat(o.getKind().equals("Namespace")
                || ("openwebui-monitor" + ("dev".equals(overlay) ? "-dev" : "")).equals(o.getMetadata().getNamespace())).isTrue());
    }

    /** Kustomize reads nothing outside the overlay, so the prod overlay carries a copy of the rules: the same ones. */
    @Test
    void prodOverlayRendersEveryAlertRuleAsAPrometheusRule() throws IOException {
        Manifests manifests = Manifests.parse(Kustomize.render(overlayDir("prod")), "kustomize prod");
        GenericKubernetesResource rule = manifests.custom("PrometheusRule").get(0);
        List<Object> groups = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repo.path("deploy/prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".rules.yml")).sorted(
                    Comparator.comparing((Path f) -> !f.getFileName().toString().startsWith("platform"))).toList()) {
                groups.addAll(Repo.list(Repo.yaml(file).get("groups")));
            }
        }
        JsonNode rendered = Repo.YAML.valueToTree(rule.get("spec", "groups"));
        JsonNode inRepo = Repo.YAML.valueToTree(groups);
        assertThat(rendered).isEqualTo(inRepo);
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(rule.getMetadata().getNamespace()).isEqualTo("openwebui-monitor");
    }

    @Test
    void prodOverlayScalesBillingWithinThePartitionsAndLetsTheAutoscalerOwnTheGateway() {
        Manifests manifests = Manifests.parse(Kustomize.render(overlayDir("prod")), "kustomize prod");
        int partitions = Integer.parseInt(config(manifests).getData().get("OWM_TOPIC_PARTITIONS"));
        Deployment billing = manifests.deploymentOf("billing-service").orElseThrow();

        assertThat(billing.getSpec().getReplicas()).isGreaterThan(1).isLessThanOrEqualTo(partitions);
        assertThat(manifests.deploymentOf("gateway-service").orElseThrow().getSpec().getReplicas()).isNull();
        assertThat(manifests.deploymentOf("gateway-service").orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/openwebui-monitor/gateway-service:0.1.0");
    }

    @Test
    void devPostgresRunsTheSameInitScriptAsCompose() {
        Manifests manifests = Manifests.parse(Kustomize.render(overlayDir("dev")), "kustomize dev");
        ConfigMap init = manifests.all(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals("postgres-init")).findFirst().orElseThrow();

        assertThat(init.getData().get("init-databases.sh")).isEqualTo(Repo.read(Repo.path("deploy/postgres/init-databases.sh")));
    }

    @Test
    void everySecretKeyTheOverlaysReadIsDocumented() {
        String docs = Repo.read(Repo.path("docs/deploy.md"));
        for (String overlay : List.of("dev", "prod")) {
            Manifests manifests = Manifests.parse(Kustomize.render(overlayDir(overlay)), overlay);
            assertThat(ManifestChecks.secretKeysRead(manifests)).allSatisfy(ref ->
                    assertThat(docs).contains(ref.substring(ref.indexOf(':') + 1) + "="));
        }
    }

    /** The renderer above implements a subset of kustomize; where kubectl is installed, hold it to the real thing. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendererAgreesWithKubectlKustomizeWhereKubectlIsInstalled(String overlay) throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        assumeTrue(Files.isExecutable(kubectl) || Files.isExecutable(Path.of("/usr/local/bin/kubectl")),
                "kubectl not installed: the subset renderer is checked against it where it is");
        Process process = new ProcessBuilder("kubectl", "kustomize", overlayDir(overlay).toString()).redirectErrorStream(false).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(process.exitValue() == 0, "kubectl kustomize did not run here");

        assertThat(sorted(Repo.yamlDocuments(output, "kubectl kustomize"))).isEqualTo(sorted(Kustomize.render(overlayDir(overlay))));
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> objects) {
        return objects.stream().sorted(Comparator.comparing(o -> o.get("kind") + "/" + Repo.at(o, "metadata.name"))).toList();
    }

    private static ConfigMap config(Manifests manifests) {
        return manifests.all(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals("openwebui-monitor-config")).findFirst().orElseThrow();
    }

    static Path overlayDir(String overlay) {
        return Repo.path("deploy/k8s/overlays/" + overlay);
    }
}
