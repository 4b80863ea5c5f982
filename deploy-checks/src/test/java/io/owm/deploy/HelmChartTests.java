package io.owm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart through Helm's own Go code (helm-java): lint, then template, then the same rules as kustomize. */
class HelmChartTests {

    static final Path CHART = Repo.path("deploy/k8s/helm/openwebui-monitor");
    static final Path PROD_VALUES = CHART.resolve("values-prod.yaml");

    @Test
    void chartLintsCleanWithDefaultAndProdValues() throws IOException {
        LintResult defaults = new Helm(CHART).lint().strict().call();
        assertThat(defaults.isFailed()).as(String.join("\n", defaults.getMessages())).isFalse();

        // helm-java's lint takes no values file: lint a copy of the chart whose values.yaml is the prod values
        // merged over the defaults, the way Helm merges -f files.
        LintResult prod = new Helm(chartWithProdValues()).lint().strict().call();
        assertThat(prod.isFailed()).as(String.join("\n", prod.getMessages())).isFalse();
    }

    @Test
    void defaultValuesRenderValidManifestsThatKeepEveryRule() {
        Manifests manifests = render(t -> t);

        assertThat(ManifestChecks.all(manifests, "helm defaults")).isEmpty();
        assertThat(manifests.all(Secret.class)).as("the default uses an existing Secret").isEmpty();
        assertThat(ManifestChecks.secretKeysRead(manifests)).containsExactlyInAnyOrder(
                "openwebui-monitor-secrets:API_KEY", "openwebui-monitor-secrets:ACCESS_TOKEN",
                "openwebui-monitor-secrets:OPENWEBUI_API_KEY", "openwebui-monitor-secrets:BILLING_DB_PASSWORD",
                "openwebui-monitor-secrets:CATALOG_DB_PASSWORD", "openwebui-monitor-secrets:ANALYTICS_DB_PASSWORD");
    }

    @Test
    void prodValuesRenderIngressAutoscalerAndServiceMonitor() {
        Manifests manifests = render(t -> t.withValuesFile(PROD_VALUES));

        assertThat(ManifestChecks.all(manifests, "helm prod")).isEmpty();
        assertThat(manifests.all(Ingress.class)).hasSize(1);
        assertThat(manifests.all(HorizontalPodAutoscaler.class)).singleElement()
                .satisfies(hpa -> assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("owm-gateway-service"));
        GenericKubernetesResource monitor = manifests.custom("ServiceMonitor").get(0);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat((List<?>) monitor.get("spec", "endpoints")).singleElement()
                .satisfies(e -> assertThat(Repo.map(e)).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus"));
        assertThat(manifests.deploymentOf("billing-service").orElseThrow().getSpec().getReplicas()).isEqualTo(3);
        assertThat(config(manifests).getData()).containsEntry("OWM_TOPIC_PARTITIONS", "12");
    }

    @Test
    void chartMadeSecretHoldsEveryKeyThePodsRead() {
        Manifests manifests = render(t -> t.set("secrets.create", "true").set("secrets.apiKey", "k").set("secrets.accessToken", "t")
                .set("secrets.billingDbPassword", "b").set("secrets.catalogDbPassword", "c").set("secrets.analyticsDbPassword", "a"));

        assertThat(ManifestChecks.all(manifests, "helm secrets.create")).isEmpty();
        assertThat(manifests.all(Secret.class)).singleElement().satisfies(secret -> assertThat(ManifestChecks.secretKeysRead(manifests))
                .allSatisfy(ref -> assertThat(ref).startsWith(secret.getMetadata().getName() + ":")));
    }

    @Test
    void refusesMoreBillingReplicasThanPartitions() {
        assertThatThrownBy(() -> render(t -> t.set("billing.replicas", "7").set("kafka.topicPartitions", "6")))
                .hasMessageContaining("exceeds kafka.topicPartitions");
    }

    @Test
    void refusesAGracePeriodThatCutsGracefulShutdownShort() {
        assertThatThrownBy(() -> render(t -> t.set("shutdown.terminationGracePeriodSeconds", "25")))
                .hasMessageContaining("terminationGracePeriodSeconds");
    }

    @Test
    void refusesToCreateASecretWithoutTheKeys() {
        assertThatThrownBy(() -> render(t -> t.set("secrets.create", "true"))).hasMessageContaining("secrets.apiKey is required");
    }

    private static Manifests render(UnaryOperator<TemplateCommand> options) {
        String yaml = options.apply(new Helm(CHART).template().withName("owm").withNamespace("openwebui-monitor")).call();
        return Manifests.parse(Repo.yamlDocuments(yaml, "helm template"), "helm template");
    }

    private static Path chartWithProdValues() throws IOException {
        Path copy = Files.createTempDirectory("owm-chart").resolve("openwebui-monitor");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Map<String, Object> values = Repo.yaml(CHART.resolve("values.yaml"));
        mergeValues(values, Repo.yaml(PROD_VALUES));
        Repo.YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        return copy;
    }

    /** Helm's merge of a values file over the chart's values: maps merge, everything else is replaced. */
    @SuppressWarnings("unchecked")
    private static void mergeValues(Map<String, Object> base, Map<String, Object> override) {
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && base.get(key) instanceof Map<?, ?>) {
                mergeValues((Map<String, Object>) base.get(key), (Map<String, Object>) value);
            } else {
                base.put(key, value);
            }
        });
    }

    private static ConfigMap config(Manifests manifests) {
        return manifests.all(ConfigMap.class).get(0);
    }
}
