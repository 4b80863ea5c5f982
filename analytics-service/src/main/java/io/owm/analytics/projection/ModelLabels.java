package io.owm.analytics.projection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code model} label of the business metrics. Model ids come from traffic, so a misbehaving client could
 * invent thousands; past a cap every new model is reported as {@code other} so Prometheus's series stay bounded.
 * The read model keeps every model exactly, the label only has to be good enough for a dashboard.
 */
final class ModelLabels {

    static final String OTHER = "other";

    private final int cap;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ModelLabels(int cap) {
        this.cap = cap;
    }

    String of(String model) {
        if (model == null || model.isBlank()) {
            return "unknown";
        }
        if (known.contains(model)) {
            return model;
        }
        synchronized (known) {
            if (known.size() < cap) {
                known.add(model);
                return model;
            }
        }
        return OTHER;
    }
}
