package io.owm.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rendered manifests parsed as typed Kubernetes objects. fabric8's model keeps fields it does not know in an
 * "additional properties" map instead of failing, so after parsing every object is walked and any such field is
 * reported: a misspelt {@code livenesProbe} or a field at the wrong level is an error here, as it would be for
 * {@code kubectl apply --validate=strict}.
 */
final class Manifests {

    /** Custom resources the fabric8 model cannot type; checked by hand in the tests. */
    private static final Set<String> UNTYPED_KINDS = Set.of("ServiceMonitor", "PrometheusRule");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final List<HasMetadata> objects;
    final List<String> problems = new ArrayList<>();

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    static Manifests parse(List<Map<String, Object>> documents, String origin) {
        List<HasMetadata> objects = new ArrayList<>();
        Manifests manifests = new Manifests(objects);
        for (Map<String, Object> document : documents) {
            String id = origin + " " + document.get("kind") + "/" + Repo.at(document, "metadata.name");
            KubernetesResource resource;
            try {
                resource = SERIALIZATION.unmarshal(Repo.JSON.writeValueAsString(document));
            } catch (JsonProcessingException | RuntimeException e) {
                manifests.problems.add(id + ": not a valid Kubernetes object: " + e.getMessage());
                continue;
            }
            if (resource instanceof GenericKubernetesResource && !UNTYPED_KINDS.contains(String.valueOf(document.get("kind")))) {
                manifests.problems.add(id + ": unknown kind or apiVersion " + document.get("apiVersion"));
            } else if (!(resource instanceof GenericKubernetesResource)) {
                manifests.unknownFields(resource, id, manifests.problems);
            }
            if (resource instanceof HasMetadata hasMetadata) {
                objects.add(hasMetadata);
            } else {
                manifests.problems.add(id + ": not a top-level object");
            }
        }
        return manifests;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    /** The Deployment whose (single) container is the given service. */
    Optional<Deployment> deploymentOf(String service) {
        return all(Deployment.class).stream()
                .filter(d -> d.getSpec().getTemplate().getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(service)))
                .findFirst();
    }

    /** Every pod template with the name of the object that owns it. */
    List<Map.Entry<String, PodTemplateSpec>> podTemplates() {
        List<Map.Entry<String, PodTemplateSpec>> templates = new ArrayList<>();
        all(Deployment.class).forEach(d -> templates.add(Map.entry("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate())));
        all(StatefulSet.class).forEach(s -> templates.add(Map.entry("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate())));
        return templates;
    }

    private void unknownFields(Object node, String path, List<String> found) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, found));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(node);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        found.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else {
                    unknownFields(value, path + "." + field.getName(), found);
                }
            }
        }
    }
}
