package io.owm.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The subset of kustomize that deploy/k8s uses, so that the overlays can be rendered and checked on a machine
 * without kubectl: {@code resources} (files and kustomization folders), {@code patches} given by {@code path}
 * (strategic merge, matched on apiVersion, kind and name), {@code images} and {@code namespace}. Anything else in a
 * kustomization fails loudly instead of being ignored; where kubectl is installed a test compares this rendering
 * with {@code kubectl kustomize}.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "images", "namespace");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");
    /** Strategic-merge keys of the lists this project patches (as in the Kubernetes API's patchMergeKey). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "env", "name", "volumes", "name",
            "volumeMounts", "mountPath", "ports", "containerPort");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> kustomization = Repo.yaml(directory.resolve("kustomization.yaml"));
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalStateException(directory + ": '" + key + "' is beyond what the test renderer supports");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : Repo.list(kustomization.get("resources"))) {
            Path path = directory.resolve(String.valueOf(resource)).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : Repo.yamlDocuments(Repo.read(path), path.toString()));
        }
        for (Object patch : Repo.list(kustomization.get("patches"))) {
            Map<String, Object> spec = Repo.map(patch);
            if (!spec.keySet().equals(Set.of("path"))) {
                throw new IllegalStateException(directory + ": only patches given by path are supported, not " + spec.keySet());
            }
            Path path = directory.resolve(String.valueOf(spec.get("path")));
            for (Map<String, Object> document : Repo.yamlDocuments(Repo.read(path), path.toString())) {
                Map<String, Object> target = objects.stream().filter(o -> sameObject(o, document)).findFirst()
                        .orElseThrow(() -> new IllegalStateException(path + ": patch target " + document.get("kind") + "/"
                                + Repo.at(document, "metadata.name") + " not found"));
                merge(target, document);
            }
        }
        for (Object image : Repo.list(kustomization.get("images"))) {
            Map<String, Object> rule = Repo.map(image);
            objects.forEach(o -> containersOf(o).forEach(c -> retag(c, rule)));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(String.valueOf(o.get("kind"))))
                    .forEach(o -> Repo.map(o.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    private static boolean sameObject(Map<String, Object> object, Map<String, Object> patch) {
        return Objects.equals(object.get("apiVersion"), patch.get("apiVersion"))
                && Objects.equals(object.get("kind"), patch.get("kind"))
                && Objects.equals(Repo.at(object, "metadata.name"), Repo.at(patch, "metadata.name"));
    }

    /** Strategic merge: maps merge, null deletes, keyed lists merge element by element, other lists are replaced. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            if (key.startsWith("$")) {
                throw new IllegalStateException("patch directive " + key + " is beyond what the test renderer supports");
            }
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> && current instanceof Map<?, ?>) {
                merge((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (value instanceof List<?> patchList && current instanceof List<?> currentList && MERGE_KEYS.containsKey(key)) {
                mergeList((List<Object>) currentList, (List<Object>) patchList, MERGE_KEYS.get(key));
            } else {
                target.put(key, value);
            }
        });
    }

    private static void mergeList(List<Object> target, List<Object> patch, String mergeKey) {
        for (Object element : patch) {
            Map<String, Object> patchElement = Repo.map(element);
            Object id = patchElement.get(mergeKey);
            target.stream().map(Repo::map).filter(e -> Objects.equals(e.get(mergeKey), id)).findFirst()
                    .ifPresentOrElse(existing -> merge(existing, patchElement), () -> target.add(new LinkedHashMap<>(patchElement)));
        }
    }

    private static List<Map<String, Object>> containersOf(Map<String, Object> object) {
        List<Map<String, Object>> containers = new ArrayList<>();
        Object podSpec = Repo.at(object, "spec.template.spec");
        if (podSpec instanceof Map<?, ?>) {
            for (String list : List.of("containers", "initContainers")) {
                Repo.list(Repo.map(podSpec).get(list)).forEach(c -> containers.add(Repo.map(c)));
            }
        }
        return containers;
    }

    private static void retag(Map<String, Object> container, Map<String, Object> rule) {
        String image = String.valueOf(container.get("image"));
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > image.lastIndexOf('/');
        String name = tagged ? image.substring(0, colon) : image;
        if (!name.equals(rule.get("name"))) {
            return;
        }
        String newName = String.valueOf(rule.getOrDefault("newName", name));
        String newTag = rule.containsKey("newTag") ? String.valueOf(rule.get("newTag")) : tagged ? image.substring(colon + 1) : null;
        container.put("image", newTag == null ? newName : newName + ":" + newTag);
    }
}
