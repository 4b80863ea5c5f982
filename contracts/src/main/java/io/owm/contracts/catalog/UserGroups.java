package io.owm.contracts.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The OpenWebUI groups a user belongs to, as the catalog last read them from OpenWebUI, published to the compacted
 * {@code user-groups} topic keyed by user id whenever they change. The latest record per user is the truth; an
 * empty list means the user is in no group. Billing uses them to find a user's plan by group.
 *
 * @param groups group names, sorted
 */
public record UserGroups(UUID eventId, Instant occurredAt, String userId, List<String> groups) {

    public static final String TYPE = "UserGroups";

    public UserGroups {
        groups = List.copyOf(groups);
    }
}
