package io.owm.catalog.group;

import io.micrometer.core.instrument.MeterRegistry;
import io.owm.catalog.openwebui.OpenWebUi;
import io.owm.catalog.openwebui.OpenWebUiException;
import io.owm.catalog.openwebui.OpenWebUiGroup;
import io.owm.contracts.Topics;
import io.owm.contracts.catalog.UserGroups;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Brings the {@code user-groups} topic up to date with OpenWebUI's groups: each user whose groups changed since the
 * last sync (joined, left, a group renamed or deleted) gets a {@link UserGroups} record with all of them. What was
 * published is stored only after Kafka has it, so a crash in between publishes the same change again, which
 * changes nothing for its readers. Two syncs at once (two instances) publish the same lists.
 */
@Component
class GroupSync {

    private static final Logger log = LoggerFactory.getLogger(GroupSync.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** Longer names cannot be assigned a plan (billing refuses them), and would only swell every record. */
    static final int MAX_GROUP_NAME = 255;
    /** What a user's record may hold: 1,000 names of 255 characters stay well under Kafka's 1 MB record limit. */
    static final int MAX_GROUPS_PER_USER = 1_000;

    private final OpenWebUi openWebUi;
    private final DatabaseClient db;
    private final KafkaTemplate<String, Object> kafka;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final MeterRegistry metrics;

    GroupSync(OpenWebUi openWebUi, DatabaseClient db, KafkaTemplate<String, Object> kafka,
            TransactionalOperator transaction, Clock clock, MeterRegistry metrics) {
        this.openWebUi = openWebUi;
        this.db = db;
        this.kafka = kafka;
        this.transaction = transaction;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What one sync found and did. */
    record Result(int groups, int members, int changed) {
    }

    /** Syncs; fails with the {@link OpenWebUiException} that stopped it, having changed nothing. */
    Mono<Result> sync() {
        return openWebUi.groups()
                .flatMap(groups -> stored().flatMap(before -> {
                    Map<String, List<String>> now = groupsByUser(groups);
                    List<UserGroups> changes = changes(before, now, clock.instant());
                    return publish(changes)
                            .then(store(changes))
                            .thenReturn(new Result(groups.size(), now.size(), changes.size()));
                }))
                .doOnSuccess(result -> metrics.counter("owm.catalog.group.sync", "outcome", "ok").increment())
                .doOnError(e -> {
                    String kind = e instanceof OpenWebUiException failure ? failure.kind() : "kafka";
                    metrics.counter("owm.catalog.group.sync", "outcome", kind).increment();
                    log.warn("Group sync with OpenWebUI failed ({}): {}", kind, e.getMessage());
                });
    }

    /** The groups each user is in, as published (user ids that no group holds are absent). */
    Mono<Map<String, List<String>>> stored() {
        return db.sql("SELECT user_id, groups FROM user_groups")
                .map(row -> Map.entry(row.get("user_id", String.class), List.of(row.get("groups", String[].class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    static Map<String, List<String>> groupsByUser(List<OpenWebUiGroup> groups) {
        Map<String, TreeSet<String>> byUser = new HashMap<>();
        for (OpenWebUiGroup group : groups) {
            if (group.name().length() > MAX_GROUP_NAME) {
                log.warn("OpenWebUI group {} is named with more than {} characters; no plan can be assigned to it,"
                        + " so it is left out", group.id(), MAX_GROUP_NAME);
                continue;
            }
            group.userIds().forEach(user -> byUser.computeIfAbsent(user, u -> new TreeSet<>()).add(group.name()));
        }
        Map<String, List<String>> lists = new HashMap<>();
        byUser.forEach((user, names) -> {
            List<String> sorted = new ArrayList<>(names);
            if (sorted.size() > MAX_GROUPS_PER_USER) {
                log.warn("User {} is in {} OpenWebUI groups; only the first {} by name are published", user,
                        sorted.size(), MAX_GROUPS_PER_USER);
                sorted = sorted.subList(0, MAX_GROUPS_PER_USER);
            }
            lists.put(user, List.copyOf(sorted));
        });
        return lists;
    }

    /** A record for each user whose groups differ; a user no longer in any group gets an empty list. */
    static List<UserGroups> changes(Map<String, List<String>> before, Map<String, List<String>> now, Instant at) {
        List<UserGroups> changes = new ArrayList<>();
        now.forEach((user, groups) -> {
            if (!Objects.equals(before.get(user), groups)) {
                changes.add(new UserGroups(UUID.randomUUID(), at, user, groups));
            }
        });
        before.keySet().stream()
                .filter(user -> !now.containsKey(user))
                .forEach(user -> changes.add(new UserGroups(UUID.randomUUID(), at, user, List.of())));
        return changes;
    }

    private Mono<Void> publish(List<UserGroups> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        CompletableFuture<?>[] sent = changes.stream()
                .map(change -> kafka.send(Topics.USER_GROUPS.name(), change.userId(), change))
                .toArray(CompletableFuture[]::new);
        return Mono.fromFuture(CompletableFuture.allOf(sent)).timeout(SEND_TIMEOUT).then();
    }

    private Mono<Void> store(List<UserGroups> changes) {
        return Flux.fromIterable(changes)
                .concatMap(change -> change.groups().isEmpty()
                        ? db.sql("DELETE FROM user_groups WHERE user_id = :user").bind("user", change.userId())
                                .then()
                        : db.sql("""
                                        INSERT INTO user_groups (user_id, groups, changed_at)
                                        VALUES (:user, :groups, :at)
                                        ON CONFLICT (user_id) DO UPDATE
                                        SET groups = EXCLUDED.groups, changed_at = EXCLUDED.changed_at
                                        """)
                                .bind("user", change.userId())
                                .bind("groups", change.groups().toArray(String[]::new))
                                .bind("at", change.occurredAt())
                                .then())
                .then()
                .as(transaction::transactional);
    }
}
