package io.owm.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rules every Kubernetes rendering of the system must keep, whether it comes from kustomize or from Helm.
 * Each method returns the broken rules as messages, so a test failure lists all of them at once.
 */
final class ManifestChecks {

    /** The label the Prometheus operator puts on its pods; both renderings admit Prometheus by it by default. */
    static final Map<String, String> PROMETHEUS_LABELS = Map.of("app.kubernetes.io/name", "prometheus");

    private final Manifests manifests;
    private final String origin;
    private final List<String> problems = new ArrayList<>();

    private ManifestChecks(Manifests manifests, String origin) {
        this.manifests = manifests;
        this.origin = origin;
    }

    /** Every rule at once; the Secret keys the manifests expect are returned for the caller to compare. */
    static List<String> all(Manifests manifests, String origin) {
        ManifestChecks checks = new ManifestChecks(manifests, origin);
        checks.problems.addAll(manifests.problems);
        checks.workloads();
        checks.services();
        checks.secretsOnlyFromSecrets();
        checks.references();
        checks.wiring();
        checks.networkPolicies();
        return checks.problems;
    }

    /** Names of the (Secret, key) pairs the pods read; the Secret itself may be created outside the rendering. */
    static Set<String> secretKeysRead(Manifests manifests) {
        Set<String> keys = new TreeSet<>();
        manifests.podTemplates().forEach(t -> containers(t.getValue()).forEach(c -> env(c).forEach(e -> {
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                keys.add(e.getValueFrom().getSecretKeyRef().getName() + ":" + e.getValueFrom().getSecretKeyRef().getKey());
            }
        })));
        return keys;
    }

    private void workloads() {
        for (Map.Entry<String, PodTemplateSpec> entry : manifests.podTemplates()) {
            String owner = origin + " " + entry.getKey();
            PodTemplateSpec template = entry.getValue();
            PodSecurityContext pod = template.getSpec().getSecurityContext();
            for (Container container : containers(template)) {
                String where = owner + " container " + container.getName();
                SecurityContext security = container.getSecurityContext();
                boolean nonRoot = (security != null && Boolean.TRUE.equals(security.getRunAsNonRoot()))
                        || (pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot()));
                Long uid = security != null && security.getRunAsUser() != null ? security.getRunAsUser()
                        : pod != null ? pod.getRunAsUser() : null;
                if (!nonRoot || uid == null || uid == 0) {
                    problems.add(where + ": must run as a non-root numeric user (runAsNonRoot and runAsUser)");
                }
                if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
                        || security.getCapabilities() == null || !security.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(where + ": must set allowPrivilegeEscalation: false and drop ALL capabilities");
                }
                resources(container, where);
                if (container.getLivenessProbe() == null || container.getReadinessProbe() == null) {
                    problems.add(where + ": needs a liveness and a readiness probe");
                }
            }
        }
    }

    private void resources(Container container, String where) {
        var resources = container.getResources();
        Map<String, Quantity> requests = resources == null ? Map.of() : Objects.requireNonNullElse(resources.getRequests(), Map.of());
        Map<String, Quantity> limits = resources == null ? Map.of() : Objects.requireNonNullElse(resources.getLimits(), Map.of());
        if (!requests.containsKey("cpu") || !requests.containsKey("memory") || !limits.containsKey("memory")) {
            problems.add(where + ": needs cpu and memory requests and a memory limit");
            return;
        }
        try {
            if (Quantity.getAmountInBytes(limits.get("memory")).compareTo(Quantity.getAmountInBytes(requests.get("memory"))) < 0) {
                problems.add(where + ": memory limit below its request");
            }
            Quantity.getAmountInBytes(requests.get("cpu"));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": invalid quantity: " + e.getMessage());
        }
    }

    /**
     * The four services: the API on the port named http, actuator (probes, metrics) on the port named management,
     * the internal token from the Secret, the shutdown sequence, the environment contract.
     */
    private void services() {
        Set<String> tokenSecrets = new TreeSet<>();
        for (Service service : Service.all()) {
            Optional<Deployment> found = manifests.deploymentOf(service.name());
            if (found.isEmpty()) {
                problems.add(origin + ": no Deployment runs " + service.name());
                continue;
            }
            Deployment deployment = found.get();
            String where = origin + " Deployment/" + deployment.getMetadata().getName();
            Container container = container(deployment, service.name());
            Map<String, Integer> ports = new TreeMap<>();
            container.getPorts().forEach(p -> ports.put(String.valueOf(p.getName()), p.getContainerPort()));
            if (!ports.equals(Map.of("http", service.port(), "management", service.managementPort()))) {
                problems.add(where + ": container ports " + ports + " but the service listens on http " + service.port()
                        + " and management " + service.managementPort());
            }
            probe(where + " liveness", container.getLivenessProbe(), "/actuator/health/liveness", container, service);
            probe(where + " readiness", container.getReadinessProbe(), "/actuator/health/readiness", container, service);
            probe(where + " startup", container.getStartupProbe(), "/actuator/health/liveness", container, service);
            Map<String, String> annotations = Objects.requireNonNullElse(deployment.getSpec().getTemplate().getMetadata().getAnnotations(), Map.of());
            if (!String.valueOf(service.managementPort()).equals(annotations.get("prometheus.io/port"))) {
                problems.add(where + ": prometheus.io/port is " + annotations.get("prometheus.io/port") + " instead of the management port "
                        + service.managementPort());
            }
            serviceObjects(where, deployment, container, service);
            Optional<EnvVar> token = env(container).stream().filter(e -> e.getName().equals("OWM_INTERNAL_TOKEN")).findFirst();
            var tokenRef = token.map(EnvVar::getValueFrom).map(v -> v.getSecretKeyRef()).orElse(null);
            if (tokenRef == null || !"OWM_INTERNAL_TOKEN".equals(tokenRef.getKey())) {
                problems.add(where + ": OWM_INTERNAL_TOKEN must come from the Secret's key OWM_INTERNAL_TOKEN");
            } else {
                tokenSecrets.add(tokenRef.getName());
            }
            if (container.getSecurityContext() == null || !Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem())) {
                problems.add(where + ": readOnlyRootFilesystem should be true");
            }
            shutdown(where, deployment, container, service);
            Set<String> names = env(container).stream().map(EnvVar::getName).collect(Collectors.toCollection(TreeSet::new));
            problems.addAll(EnvironmentContract.problems(service, names, where));
        }
        if (tokenSecrets.size() > 1) {
            problems.add(origin + ": OWM_INTERNAL_TOKEN comes from different Secrets " + tokenSecrets + "; the gateway and the services"
                    + " must share one token");
        }
    }

    /** The Services in front of a service's pods offer http (the API) and management (for a ServiceMonitor) by name. */
    private void serviceObjects(String where, Deployment deployment, Container container, Service service) {
        var fronts = manifests.all(io.fabric8.kubernetes.api.model.Service.class).stream()
                .filter(s -> matches(s.getSpec().getSelector(), deployment.getSpec().getTemplate())).toList();
        if (fronts.isEmpty()) {
            problems.add(where + ": no Service selects its pods");
        }
        for (var front : fronts) {
            Map<String, Integer> targets = new TreeMap<>();
            front.getSpec().getPorts().forEach(p -> targets.put(String.valueOf(p.getName()), resolvePort(p.getTargetPort(), container)));
            if (!targets.equals(Map.of("http", service.port(), "management", service.managementPort()))) {
                problems.add(origin + " Service/" + front.getMetadata().getName() + ": ports " + targets + " instead of http -> "
                        + service.port() + " and management -> " + service.managementPort());
            }
        }
    }

    private void probe(String where, Probe probe, String path, Container container, Service service) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(where + ": missing, or not an HTTP probe of " + path);
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + ": probes " + probe.getHttpGet().getPath() + " instead of " + path);
        }
        IntOrString port = probe.getHttpGet().getPort();
        if (port == null || !"management".equals(port.getStrVal()) || resolvePort(port, container) != service.managementPort()) {
            problems.add(where + ": probes port " + (port == null ? null : port.getStrVal() != null ? port.getStrVal() : port.getIntVal())
                    + " instead of the port named management (" + service.managementPort() + "); the API port serves no actuator");
        }
    }

    private void shutdown(String where, Deployment deployment, Container container, Service service) {
        var preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
        List<String> command = preStop == null || preStop.getExec() == null ? List.of() : preStop.getExec().getCommand();
        if (command.size() != 2 || !command.get(0).equals("sleep") || !command.get(1).matches("\\d+")) {
            problems.add(where + ": needs a preStop pause (exec sleep <seconds>), found " + command);
            return;
        }
        long needed = Long.parseLong(command.get(1)) + service.shutdownPhaseTimeout().toSeconds();
        Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        if (grace == null || grace <= needed) {
            problems.add(where + ": terminationGracePeriodSeconds " + grace + " must exceed preStop + shutdown phase = " + needed);
        }
    }

    /** API keys, tokens and passwords come from Secrets only: never a literal, never a ConfigMap. */
    private void secretsOnlyFromSecrets() {
        manifests.podTemplates().forEach(t -> containers(t.getValue()).forEach(c -> env(c).forEach(e -> {
            if (EnvironmentContract.looksSecret(e.getName())
                    && (e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null)) {
                problems.add(origin + " " + t.getKey() + ": " + e.getName() + " must come from a secretKeyRef");
            }
        })));
        manifests.all(ConfigMap.class).forEach(map -> Objects.requireNonNullElse(map.getData(), Map.<String, String>of()).keySet().stream()
                .filter(key -> EnvironmentContract.looksSecret(key) && !key.endsWith(".sh"))
                .forEach(key -> problems.add(origin + " ConfigMap/" + map.getMetadata().getName() + ": secret-looking key " + key)));
    }

    /** Every configMapKeyRef names a ConfigMap and key of the rendering; Secrets are checked when rendered. */
    private void references() {
        Map<String, Set<String>> configMaps = new LinkedHashMap<>();
        manifests.all(ConfigMap.class).forEach(m -> configMaps.put(m.getMetadata().getName(),
                Objects.requireNonNullElse(m.getData(), Map.<String, String>of()).keySet()));
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        manifests.all(Secret.class).forEach(s -> {
            Set<String> keys = new TreeSet<>(Objects.requireNonNullElse(s.getStringData(), Map.<String, String>of()).keySet());
            keys.addAll(Objects.requireNonNullElse(s.getData(), Map.<String, String>of()).keySet());
            secrets.put(s.getMetadata().getName(), keys);
        });
        manifests.podTemplates().forEach(t -> containers(t.getValue()).forEach(c -> env(c).forEach(e -> {
            if (e.getValueFrom() == null) {
                return;
            }
            var configRef = e.getValueFrom().getConfigMapKeyRef();
            if (configRef != null && !configMaps.getOrDefault(configRef.getName(), Set.of()).contains(configRef.getKey())) {
                problems.add(origin + " " + t.getKey() + ": " + e.getName() + " refers to missing ConfigMap key "
                        + configRef.getName() + "/" + configRef.getKey());
            }
            var secretRef = e.getValueFrom().getSecretKeyRef();
            if (secretRef != null && secrets.containsKey(secretRef.getName())
                    && !secrets.get(secretRef.getName()).contains(secretRef.getKey())) {
                problems.add(origin + " " + t.getKey() + ": " + e.getName() + " refers to missing Secret key "
                        + secretRef.getName() + "/" + secretRef.getKey());
            }
        })));
    }

    /** Services, budgets, the autoscaler, the ingress and the gateway's routes all reach real pods and ports. */
    private void wiring() {
        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        manifests.podTemplates().forEach(t -> pods.put(t.getKey(), t.getValue()));
        Map<String, io.fabric8.kubernetes.api.model.Service> services = new LinkedHashMap<>();
        for (var service : manifests.all(io.fabric8.kubernetes.api.model.Service.class)) {
            services.put(service.getMetadata().getName(), service);
            Map<String, String> selector = service.getSpec().getSelector();
            List<PodTemplateSpec> selected = pods.values().stream().filter(p -> matches(selector, p)).toList();
            if (selected.isEmpty()) {
                problems.add(origin + " Service/" + service.getMetadata().getName() + ": selects no pods");
            }
            service.getSpec().getPorts().forEach(port -> selected.forEach(p -> {
                if (containers(p).stream().noneMatch(c -> resolvePort(port.getTargetPort(), c) > 0)) {
                    problems.add(origin + " Service/" + service.getMetadata().getName() + ": targetPort " + port.getTargetPort() + " not on the pods");
                }
            }));
        }
        for (PodDisruptionBudget budget : manifests.all(PodDisruptionBudget.class)) {
            if (pods.values().stream().noneMatch(p -> matches(budget.getSpec().getSelector(), p))) {
                problems.add(origin + " PodDisruptionBudget/" + budget.getMetadata().getName() + ": selects no pods");
            }
        }
        for (Service service : Service.all()) {
            if (manifests.deploymentOf(service.name()).isPresent() && manifests.all(PodDisruptionBudget.class).stream()
                    .noneMatch(b -> matches(b.getSpec().getSelector(), manifests.deploymentOf(service.name()).get().getSpec().getTemplate()))) {
                problems.add(origin + ": no PodDisruptionBudget covers " + service.name());
            }
        }
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            String target = hpa.getSpec().getScaleTargetRef().getName();
            Optional<Deployment> deployment = manifests.all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(target)).findFirst();
            if (deployment.isEmpty()) {
                problems.add(origin + " HorizontalPodAutoscaler/" + hpa.getMetadata().getName() + ": no Deployment " + target);
            } else if (deployment.get().getSpec().getReplicas() != null) {
                problems.add(origin + " Deployment/" + target + ": sets replicas although an autoscaler owns them;"
                        + " every apply would reset the autoscaler's choice");
            }
        }
        for (Ingress ingress : manifests.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                var backend = services.get(path.getBackend().getService().getName());
                if (backend == null || manifests.deploymentOf("gateway-service").map(d -> !matches(backend.getSpec().getSelector(), d.getSpec().getTemplate())).orElse(true)) {
                    problems.add(origin + " Ingress/" + ingress.getMetadata().getName() + ": must route to the gateway's Service only");
                }
            }));
        }
        manifests.deploymentOf("gateway-service").ifPresent(gateway -> env(container(gateway, "gateway-service")).stream()
                .filter(e -> e.getName().matches("OWM_(BILLING|CATALOG|ANALYTICS)_URL"))
                .forEach(e -> route(e, services)));
    }

    private void route(EnvVar variable, Map<String, io.fabric8.kubernetes.api.model.Service> services) {
        String target = variable.getName().replace("OWM_", "").replace("_URL", "").toLowerCase() + "-service";
        URI uri = URI.create(String.valueOf(variable.getValue()));
        var service = services.get(uri.getHost());
        Optional<Deployment> deployment = manifests.deploymentOf(target);
        boolean reaches = service != null && deployment.isPresent()
                && matches(service.getSpec().getSelector(), deployment.get().getSpec().getTemplate())
                && service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == uri.getPort()
                        && resolvePort(p.getTargetPort(), container(deployment.get(), target)) == Service.load(target).port());
        if (!reaches) {
            problems.add(origin + ": the gateway's " + variable.getName() + "=" + variable.getValue() + " does not reach " + target);
        }
    }

    /**
     * Only the gateway takes traffic from outside: a rule open to any source, to other namespaces' pods at large,
     * or to address blocks may select the gateway's pods only, and opens its http port only; a default deny covers
     * everything else. Every peer gets exactly one port: the gateway reaches billing, catalog and analytics on http
     * (the admin API it routes, /internal/*), Prometheus and any other peer reach the management port (actuator) of
     * all four, and nothing else.
     */
    private void networkPolicies() {
        List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
        var gatewayPods = manifests.deploymentOf("gateway-service").map(d -> d.getSpec().getTemplate()).orElse(null);
        boolean defaultDeny = policies.stream().anyMatch(p -> p.getSpec().getPolicyTypes().contains("Ingress")
                && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())
                && manifests.podTemplates().stream().allMatch(t -> matches(p.getSpec().getPodSelector(), t.getValue())));
        if (!defaultDeny) {
            problems.add(origin + ": no default-deny ingress NetworkPolicy covering every pod");
        }
        for (NetworkPolicy policy : policies) {
            boolean open = policy.getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom() == null || rule.getFrom().isEmpty()
                    || rule.getFrom().stream().anyMatch(ManifestChecks::fromOutside));
            boolean onlyGateway = manifests.podTemplates().stream()
                    .filter(t -> matches(policy.getSpec().getPodSelector(), t.getValue()))
                    .allMatch(t -> t.getValue() == gatewayPods);
            if (open && !onlyGateway) {
                problems.add(origin + " NetworkPolicy/" + policy.getMetadata().getName() + ": admits traffic from outside to pods other than the gateway");
            }
        }
        for (Service service : Service.all()) {
            Optional<Deployment> deployment = manifests.deploymentOf(service.name());
            if (deployment.isEmpty() || gatewayPods == null) {
                continue;
            }
            PodTemplateSpec pods = deployment.get().getSpec().getTemplate();
            Container container = container(deployment.get(), service.name());
            Set<Integer> http = Set.of(service.port());
            Set<Integer> management = Set.of(service.managementPort());
            boolean gatewayAdmitted = false;
            boolean prometheusAdmitted = false;
            for (NetworkPolicy policy : policies.stream().filter(p -> matches(p.getSpec().getPodSelector(), pods)).toList()) {
                String where = origin + " NetworkPolicy/" + policy.getMetadata().getName() + " (" + service.name() + ")";
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    Set<Integer> ports = ports(rule, container);
                    List<NetworkPolicyPeer> from = Objects.requireNonNullElse(rule.getFrom(), List.of());
                    if (from.isEmpty() && !http.equals(ports)) {
                        problems.add(where + ": opens " + describe(ports) + " to everyone; only the gateway's http may be open");
                    }
                    for (NetworkPolicyPeer peer : from) {
                        boolean gateway = peer.getPodSelector() != null && peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                                && matches(peer.getPodSelector(), gatewayPods);
                        if (gateway && !http.equals(ports)) {
                            problems.add(where + ": admits the gateway to " + describe(ports) + "; it may reach http (" + service.port() + ") only");
                        } else if (!gateway && !management.equals(ports)) {
                            problems.add(where + ": admits " + describe(peer) + " to " + describe(ports)
                                    + "; peers other than the gateway (Prometheus) may reach management (" + service.managementPort() + ") only");
                        }
                        gatewayAdmitted |= gateway && http.equals(ports);
                        prometheusAdmitted |= !gateway && management.equals(ports) && selectsPrometheus(peer);
                    }
                }
            }
            if (!service.name().equals("gateway-service") && !gatewayAdmitted) {
                problems.add(origin + ": no NetworkPolicy lets the gateway reach " + service.name() + " on http");
            }
            if (!prometheusAdmitted) {
                problems.add(origin + ": no NetworkPolicy lets Prometheus reach " + service.name() + " on management");
            }
        }
    }

    /** The container ports a rule opens, resolved; null when it opens every port (no ports, or a port without a number). */
    private static Set<Integer> ports(NetworkPolicyIngressRule rule, Container container) {
        List<NetworkPolicyPort> ports = Objects.requireNonNullElse(rule.getPorts(), List.of());
        if (ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() == null || p.getEndPort() != null)) {
            return null;
        }
        return ports.stream().map(p -> resolvePort(p.getPort(), container)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(Set<Integer> ports) {
        return ports == null ? "every port" : "ports " + ports;
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return "ipBlock " + peer.getIpBlock().getCidr();
        }
        String pods = peer.getPodSelector() == null ? "every pod" : "pods " + peer.getPodSelector().getMatchLabels();
        String namespaces = peer.getNamespaceSelector() == null ? "" : " of namespaces " + peer.getNamespaceSelector().getMatchLabels();
        return pods + namespaces;
    }

    private static boolean selectsPrometheus(NetworkPolicyPeer peer) {
        return peer.getPodSelector() != null && peer.getIpBlock() == null
                && Objects.requireNonNullElse(peer.getPodSelector().getMatchLabels(), Map.<String, String>of()).entrySet()
                        .containsAll(PROMETHEUS_LABELS.entrySet());
    }

    private static boolean fromOutside(NetworkPolicyPeer peer) {
        boolean anyNamespaceAnyPod = peer.getNamespaceSelector() != null && peer.getPodSelector() == null;
        return peer.getIpBlock() != null || anyNamespaceAnyPod;
    }

    private static boolean matches(Map<String, String> selector, PodTemplateSpec pod) {
        Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
        return selector != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private static boolean matches(LabelSelector selector, PodTemplateSpec pod) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new IllegalStateException("matchExpressions are not evaluated by these checks");
        }
        return matches(Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()), pod);
    }

    private static int resolvePort(IntOrString port, Container container) {
        if (port == null) {
            return -1;
        }
        if (port.getIntVal() != null) {
            return container.getPorts().stream().anyMatch(p -> p.getContainerPort().equals(port.getIntVal())) ? port.getIntVal() : -1;
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(-1);
    }

    private static List<Container> containers(PodTemplateSpec template) {
        return template.getSpec().getContainers();
    }

    private static Container container(Deployment deployment, String name) {
        return containers(deployment.getSpec().getTemplate()).stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<EnvVar> env(Container container) {
        return Objects.requireNonNullElse(container.getEnv(), List.of());
    }
}
