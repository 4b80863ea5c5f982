package io.owm.gateway.billing;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.ChatReply;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserUnblocked;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * The reply side of request/reply over Kafka. The gateway instances share one consumer group on
 * {@code billing-replies}, so each reads a share of its partitions; a request names one of them in its
 * {@code kafka_replyPartition} header, and billing answers there. Each instance thus reads the answers to its own
 * requests (and the admin changes billing copies to every partition), however many instances there are. It also
 * remembers its users' last known balances and blocks, bounded, for answers given while billing is away.
 */
@Component
public class BillingReplies implements ConsumerSeekAware {

    /** Users remembered for {@code pending} answers; a forgotten user is answered as one never heard of. */
    static final int KNOWN_USERS = 100_000;

    private final Map<UUID, CompletableFuture<ChatReply>> waiting = new ConcurrentHashMap<>();
    private final KnownUsers known = new KnownUsers(KNOWN_USERS);
    private final List<Integer> replyPartitions = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextPartition = new AtomicInteger();
    private final AtomicInteger read = new AtomicInteger();

    /** Registers interest in the reply to a request; call before publishing it. */
    public CompletableFuture<ChatReply> expect(UUID correlationId) {
        return waiting.computeIfAbsent(correlationId, id -> new CompletableFuture<>());
    }

    public void forget(UUID correlationId) {
        waiting.remove(correlationId);
    }

    /** Where billing should answer a request of this instance; empty while it reads no partition. */
    public OptionalInt replyPartition() {
        List<Integer> partitions = List.copyOf(replyPartitions);
        if (partitions.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(partitions.get(Math.floorMod(nextPartition.getAndIncrement(), partitions.size())));
    }

    public Optional<BigDecimal> lastKnownBalance(String userId) {
        return known.balanceOf(userId);
    }

    /**
     * True when the last word this gateway heard about the user is that they are blocked: an admin's block (billing
     * copies it to every reply partition) or a blocked answer, since this gateway started.
     */
    public boolean knownBlocked(String userId) {
        return known.isBlocked(userId);
    }

    public int waitingCount() {
        return waiting.size();
    }

    /** Records read from {@code billing-replies} since start: about one per request served, whatever the fleet. */
    public int repliesRead() {
        return read.get();
    }

    /** True once this instance reads a reply partition: before that no request of it could be answered. */
    public boolean listening() {
        return !replyPartitions.isEmpty();
    }

    @KafkaListener(id = "gateway-billing-replies",
            topics = "#{T(io.owm.contracts.Topics).BILLING_REPLIES.name()}", groupId = "${owm.gateway.reply-group}",
            properties = {"auto.offset.reset=latest",
                    "partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor"})
    void onBillingReply(BillingEvent event) {
        read.incrementAndGet();
        remember(event);
        if (event instanceof ChatReply reply) {
            CompletableFuture<ChatReply> call = waiting.remove(reply.correlationId());
            if (call != null) {
                call.complete(reply);
            }
        }
    }

    /** Replies written before this instance took a partition were meant for another: start at the end. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToEnd(assignments.keySet());
        assignments.keySet().stream().filter(p -> p.topic().equals(Topics.BILLING_REPLIES.name()))
                .forEach(p -> replyPartitions.add(p.partition()));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> replyPartitions.remove(Integer.valueOf(p.partition())));
    }

    private void remember(BillingEvent event) {
        if (event instanceof UserBlocked) {
            known.blocked(event.userId(), true);
        } else if (event instanceof UserUnblocked) {
            known.blocked(event.userId(), false);
        } else if (event instanceof ChatAdmitted admitted) {
            known.blocked(event.userId(), admitted.blocked());
            if (!admitted.blocked()) {
                known.balance(event.userId(), admitted.balance());
            }
        } else if (event instanceof ChatCharged charged) {
            known.balance(event.userId(), charged.newBalance());
        } else if (event instanceof BalanceAdjusted adjusted) {
            known.balance(event.userId(), adjusted.newBalance());
        }
    }
}
