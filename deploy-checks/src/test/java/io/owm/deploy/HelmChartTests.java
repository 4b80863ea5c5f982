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
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                "openwebui-monitor-secrets:API_KEY", "openwebui-monitor-secrets:ACCESS_TOKEN", "openwebui-monitor-secrets:OWM_INTERNAL_TOKEN",
                "openwebui-monitor-secrets:OPENWEBUI_API_KEY", "openwebui-monitor-secrets:BILLING_DB_PASSWORD",
                "openwebui-monitor-secrets:CATALOG_DB_PASSWORD", "openwebui-monitor-secrets:ANALYTICS_DB_PASSWORD",
                "openwebui-monitor-secrets:OWM_ALERT_WEBHOOK_URL");
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
                .satisfies(e -> assertThat(Repo.map(e)).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus"));
        assertThat(manifests.deploymentOf("billing-service").orElseThrow().getSpec().getReplicas()).isEqualTo(3);
        assertThat(config(manifests).getData()).containsEntry("OWM_TOPIC_PARTITIONS", "12");
    }

    @Test
    void prodValuesRenderEveryAlertRuleAsAPrometheusRuleAndTheJobTheRulesSelect() throws Exception {
        Manifests manifests = render(t -> t.withValuesFile(PROD_VALUES));
        GenericKubernetesResource rule = manifests.custom("PrometheusRule").get(0);
        List<String> rendered = new ArrayList<>();
        for (Object group : (List<?>) rule.get("spec", "groups")) {
            for (Object each : Repo.list(Repo.map(group).get("rules"))) {
                Map<String, Object> one = Repo.map(each);
                rendered.add(String.valueOf(one.getOrDefault("alert", one.get("record"))));
            }
        }
        List<String> inRepo = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repo.path("deploy/prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".rules.yml")).sorted().toList()) {
                // The chart's copy must be the rules themselves: Helm reads no file outside the chart.
                assertThat(Repo.read(Repo.path("deploy/k8s/helm/openwebui-monitor/rules/" + file.getFileName())))
                        .as("the chart's copy of " + file.getFileName()).isEqualTo(Repo.read(file));
                for (Object group : Repo.list(Repo.yaml(file).get("groups"))) {
                    for (Object each : Repo.list(Repo.map(group).get("rules"))) {
                        Map<String, Object> one = Repo.map(each);
                        inRepo.add(String.valueOf(one.getOrDefault("alert", one.get("record"))));
                    }
                }
            }
        }
        assertThat(rendered).containsExactlyInAnyOrderElementsOf(inRepo).contains("ServiceDown", "OutletSloFastBurn");
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
        GenericKubernetesResource monitor = manifests.custom("ServiceMonitor").get(0);
        // The operator sets job to the value of the jobLabel label on each Service it selects: it must be the job
        // the rules and every dashboard select, as in compose's scrape config.
        String jobLabel = monitor.get("spec", "jobLabel").toString();
        Map<String, Object> selector = Repo.map(Repo.map(monitor.get("spec", "selector")).get("matchLabels"));
        List<String> jobs = manifests.all(io.fabric8.kubernetes.api.model.Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .map(s -> s.getMetadata().getLabels().get(jobLabel)).distinct().toList();
        assertThat(jobs).containsExactly("openwebui-monitor");
        assertThat(Repo.read(Repo.path("deploy/prometheus/rules/platform.rules.yml")))
                .contains("up{job=\"" + jobs.get(0) + "\"}");
        for (Path dashboard : DashboardTests.dashboards()) {
            assertThat(DashboardTests.defaultJob(dashboard)).as(dashboard.toString()).isEqualTo(jobs.get(0));
        }
    }

    @Test
    void prodValuesShipEveryDashboardAsAConfigMapForGrafanasSidecar() throws IOException {
        Manifests manifests = render(t -> t.withValuesFile(PROD_VALUES));
        List<ConfigMap> dashboards = manifests.all(ConfigMap.class).stream()
                .filter(map -> "1".equals(map.getMetadata().getLabels().get("grafana_dashboard"))).toList();
        try (Stream<Path> files = Files.list(Repo.path("deploy/grafana/dashboards"))) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(dashboards).hasSize(json.size());
            for (Path file : json) {
                String name = file.getFileName().toString();
                assertThat(Repo.read(Repo.path("deploy/k8s/helm/openwebui-monitor/dashboards/" + name)))
                        .as("the chart's copy of " + name).isEqualTo(Repo.read(file));
                assertThat(dashboards).as(name).anySatisfy(map ->
                        assertThat(map.getData().get(name)).isEqualTo(Repo.read(file).strip()));
            }
        }
    }

    @Test
    void serviceMonitorScrapesTheManagementPortOfEveryServiceItSelects() {
        Manifests manifests = render(t -> t.withValuesFile(PROD_VALUES));
        GenericKubernetesResource monitor = manifests.custom("ServiceMonitor").get(0);
        Map<String, Object> selector = Repo.map(Repo.map(monitor.get("spec", "selector")).get("matchLabels"));
        var selected = manifests.all(io.fabric8.kubernetes.api.model.Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();

        assertThat(selected).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder(
                "owm-gateway-service", "owm-billing-service", "owm-catalog-service", "owm-analytics-service");
        assertThat(selected).allSatisfy(s -> assertThat(s.getSpec().getPorts()).extracting(p -> p.getName() + "->" + p.getTargetPort().getStrVal())
                .containsExactlyInAnyOrder("http->http", "management->management"));
    }

    @Test
    void chartMadeSecretHoldsEveryKeyThePodsRead() {
        Manifests manifests = render(t -> t.set("secrets.create", "true").set("secrets.apiKey", "k").set("secrets.accessToken", "t")
                .set("secrets.internalToken", "i").set("secrets.billingDbPassword", "b").set("secrets.catalogDbPassword", "c").set("secrets.analyticsDbPassword", "a"));

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

    @Test
    void refusesToCreateASecretWithoutTheInternalToken() {
        assertThatThrownBy(() -> render(t -> t.set("secrets.create", "true").set("secrets.apiKey", "k").set("secrets.accessToken", "t")
                .set("secrets.billingDbPassword", "b").set("secrets.catalogDbPassword", "c").set("secrets.analyticsDbPassword", "a")))
                .hasMessageContaining("secrets.internalToken is required");
    }

    @Test
    void prometheusPeerFollowsTheValuesAndStaysOnTheManagementPort() {
        Manifests narrowed = render(t -> t.set("networkPolicy.prometheus.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "monitoring"));
        assertThat(ManifestChecks.all(narrowed, "helm prometheus in monitoring")).isEmpty();
        assertThat(prometheusPeers(narrowed)).hasSize(4).allSatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring")));

        Manifests sameNamespace = render(t -> t.set("networkPolicy.prometheus.namespaceSelector", "null"));
        assertThat(ManifestChecks.all(sameNamespace, "helm prometheus in the release's namespace")).isEmpty();
        assertThat(prometheusPeers(sameNamespace)).hasSize(4).allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNull());
    }

    @Test
    void refusesTheRemovedMetricsFromValue() {
        assertThatThrownBy(() -> render(t -> t.set("networkPolicy.metricsFrom[0].podSelector.matchLabels.app", "prometheus")))
                .hasMessageContaining("networkPolicy.prometheus");
    }

    /** The peers of the rules that open the management port: one per service. */
    private static List<NetworkPolicyPeer> prometheusPeers(Manifests manifests) {
        return manifests.all(NetworkPolicy.class).stream().flatMap(p -> p.getSpec().getIngress().stream())
                .filter(rule -> rule.getPorts().stream().anyMatch(port -> "management".equals(port.getPort().getStrVal())))
                .flatMap(rule -> rule.getFrom().stream())
                // helm test's pod is let into the gateway's management port too, by its own labels.
                .filter(peer -> peer.getPodSelector() == null || !"test".equals(peer.getPodSelector().getMatchLabels()
                        .get("app.kubernetes.io/component")))
                .toList();
    }

    @Test
    void extrasReachTheServicesTheyAreSetFor() {
        Manifests manifests = render(t -> t
                .set("extraEnv[0].name", "SPRING_KAFKA_SECURITY_PROTOCOL").set("extraEnv[0].value", "SASL_SSL")
                .set("billing.extraEnv[0].name", "SPRING_R2DBC_PROPERTIES_SSLMODE")
                .set("billing.extraEnv[0].value", "verify-full")
                .set("billing.extraVolumes[0].name", "db-ca").set("billing.extraVolumes[0].secret.secretName", "db-ca")
                .set("billing.extraVolumeMounts[0].name", "db-ca")
                .set("billing.extraVolumeMounts[0].mountPath", "/etc/db-ca")
                .set("billing.envFrom[0].secretRef.name", "billing-extra")
                .set("priorityClassName", "business").set("billing.priorityClassName", "critical")
                .set("serviceAccount.name", "owm").set("billing.podAnnotations.team", "money")
                .set("tolerations[0].key", "dedicated").set("tolerations[0].operator", "Exists"));

        var billing = manifests.deploymentOf("billing-service").orElseThrow().getSpec().getTemplate();
        var gateway = manifests.deploymentOf("gateway-service").orElseThrow().getSpec().getTemplate();
        var billingEnv = billing.getSpec().getContainers().get(0).getEnv();
        assertThat(billingEnv).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("SPRING_KAFKA_SECURITY_PROTOCOL=SASL_SSL", "SPRING_R2DBC_PROPERTIES_SSLMODE=verify-full");
        assertThat(gateway.getSpec().getContainers().get(0).getEnv()).extracting(e -> e.getName())
                .contains("SPRING_KAFKA_SECURITY_PROTOCOL").doesNotContain("SPRING_R2DBC_PROPERTIES_SSLMODE");
        assertThat(billing.getSpec().getVolumes()).extracting(v -> v.getName()).contains("tmp", "db-ca");
        assertThat(billing.getSpec().getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/tmp", "/etc/db-ca");
        assertThat(billing.getSpec().getContainers().get(0).getEnvFrom()).singleElement()
                .satisfies(from -> assertThat(from.getSecretRef().getName()).isEqualTo("billing-extra"));
        assertThat(billing.getSpec().getPriorityClassName()).isEqualTo("critical");
        assertThat(gateway.getSpec().getPriorityClassName()).isEqualTo("business");
        assertThat(billing.getSpec().getServiceAccountName()).isEqualTo("owm");
        assertThat(billing.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(billing.getMetadata().getAnnotations()).containsEntry("team", "money");
        assertThat(gateway.getSpec().getTolerations()).singleElement()
                .satisfies(toleration -> assertThat(toleration.getKey()).isEqualTo("dedicated"));
    }

    @Test
    void podsRollWhenTheChartsSecretChangesAndHelmTestChecksTheGateway() {
        Manifests first = render(t -> withSecrets(t, "k"));
        Manifests rotated = render(t -> withSecrets(t, "k2"));
        String before = first.deploymentOf("gateway-service").orElseThrow().getSpec().getTemplate().getMetadata()
                .getAnnotations().get("checksum/secret");
        assertThat(before).isNotBlank();
        assertThat(rotated.deploymentOf("gateway-service").orElseThrow().getSpec().getTemplate().getMetadata()
                .getAnnotations().get("checksum/secret")).isNotEqualTo(before);

        // helm-java's template leaves test hooks out; lint (above) renders them, this checks what the pod asks.
        String test = Repo.read(CHART.resolve("templates/tests/gateway-test.yaml"));
        assertThat(test).contains("helm.sh/hook: test", "/actuator/health/readiness", "/api/v1/users?pageSize=1",
                "key: ACCESS_TOKEN");
    }

    @Test
    void theSchemaRefusesAValueOfTheWrongType() {
        assertThatThrownBy(() -> render(t -> t.set("gateway.replicas", "two")))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> render(t -> t.set("serviceMonitor.enabled", "sometimes")))
                .hasMessageContaining("enabled");
    }

    @Test
    void tracingAndLogSettingsReachEveryService(@TempDir Path work) throws IOException {
        Path values = Files.writeString(work.resolve("tracing.yaml"), """
                tracing:
                  otlpEndpoint: http://otel-collector:4318
                  samplingProbability: 0.5
                """);
        Manifests manifests = render(t -> t.withValuesFile(values));
        assertThat(config(manifests).getData()).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318")
                .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.5")
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        for (Service service : Service.all()) {
            assertThat(manifests.deploymentOf(service.name()).orElseThrow().getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getEnv()).extracting(e -> e.getName()).as(service.name())
                    .contains("OTEL_EXPORTER_OTLP_ENDPOINT", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY",
                            "LOGGING_STRUCTURED_FORMAT_CONSOLE")
                    .doesNotHaveDuplicates();
        }
        Path tooMuch = Files.writeString(work.resolve("too-much.yaml"), "tracing: {samplingProbability: 2}\n");
        assertThatThrownBy(() -> render(t -> t.withValuesFile(tooMuch))).hasMessageContaining("samplingProbability");
    }

    /** The chart's README is its reference: every value of values.yaml is listed there by its dotted path. */
    @Test
    void theChartsReadmeListsEveryValue() {
        String readme = Repo.read(CHART.resolve("README.md"));
        List<String> paths = new ArrayList<>();
        leafPaths("", Repo.yaml(CHART.resolve("values.yaml")), paths);
        assertThat(paths).hasSizeGreaterThan(50)
                .allSatisfy(path -> assertThat(readme).as("README.md lists `" + path + "`").contains("`" + path + "`"));
    }

    /** Maps are walked into; anything else (a scalar, a list, an empty map to fill in) is a value of its own. */
    private static void leafPaths(String prefix, Map<String, Object> values, List<String> paths) {
        values.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                leafPaths(path, Repo.map(value), paths);
            } else {
                paths.add(path);
            }
        });
    }

    private static TemplateCommand withSecrets(TemplateCommand template, String apiKey) {
        return template.set("secrets.create", "true").set("secrets.apiKey", apiKey).set("secrets.accessToken", "t")
                .set("secrets.internalToken", "i").set("secrets.billingDbPassword", "b")
                .set("secrets.catalogDbPassword", "c").set("secrets.analyticsDbPassword", "a");
    }

    private static Manifests render(UnaryOperator<TemplateCommand> options) {
        String yaml = options.apply(new Helm(CHART).template().withName("owm").withNamespace("openwebui-monitor")).call();
        return Manifests.parse(Repo.yamlDocuments(yaml, "helm template"), "helm template");
    }

    private static Path chartWithProdValues() throws IOException {
        Path copy = Files.createTempDirectory("owm-chart").resolve("openwebui-monitor");
        Repo.copyTree(CHART, copy);
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
