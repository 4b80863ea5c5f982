package io.owm.analytics.projection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A label of the business metrics whose values come from outside: model ids come from traffic, so a misbehaving
 * client could invent thousands, and plan names from admins. Past a cap every new value is reported as
 * {@code other} so Prometheus's series stay bounded. The read model keeps every value exactly, the label only has
 * to be good enough for a dashboard.
 */
final class BoundedLabels {

    static final String OTHER = "other";

    private final int cap;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    BoundedLabels(int cap) {
        this.cap = cap;
    }

    String of(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        if (known.contains(value)) {
            return value;
        }
        synchronized (known) {
            if (known.size() < cap) {
                known.add(value);
                return value;
            }
        }
        return OTHER;
    }
}
