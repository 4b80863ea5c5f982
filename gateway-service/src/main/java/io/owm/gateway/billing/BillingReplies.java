package io.owm.gateway.billing;

import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.ChatReply;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.billing.UserUnblocked;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * The reply side of request/reply over Kafka. Every gateway instance reads all of {@code billing-events} in a
 * consumer group of its own (never committing offsets, starting at the end) and completes the HTTP calls it is
 * waiting for by correlation id. It also remembers each user's last known balance and whether they are blocked,
 * for answers given while billing is away.
 */
@Component
public class BillingReplies implements ConsumerSeekAware {

    private final Map<UUID, CompletableFuture<ChatReply>> waiting = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> lastKnownBalances = new ConcurrentHashMap<>();
    private final Set<String> blockedUsers = ConcurrentHashMap.newKeySet();
    private volatile boolean listening;

    /** Registers interest in the reply to a request; call before publishing it. */
    public CompletableFuture<ChatReply> expect(UUID correlationId) {
        return waiting.computeIfAbsent(correlationId, id -> new CompletableFuture<>());
    }

    public void forget(UUID correlationId) {
        waiting.remove(correlationId);
    }

    public Optional<BigDecimal> lastKnownBalance(String userId) {
        return Optional.ofNullable(lastKnownBalances.get(userId));
    }

    /**
     * True when the last word this gateway heard about the user is that they are blocked. Only what was heard
     * since this gateway started: a restarted gateway learns a block again from the user's next answered inlet.
     */
    public boolean knownBlocked(String userId) {
        return blockedUsers.contains(userId);
    }

    public int waitingCount() {
        return waiting.size();
    }

    /** True once partitions are assigned: before that a reply could pass unseen. */
    public boolean listening() {
        return listening;
    }

    @KafkaListener(id = "gateway-billing-replies", topics = "billing-events", groupId = "${owm.gateway.reply-group}",
            properties = "auto.offset.reset=latest")
    void onBillingEvent(BillingEvent event) {
        remember(event);
        if (event instanceof ChatReply reply) {
            CompletableFuture<ChatReply> call = waiting.remove(reply.correlationId());
            if (call != null) {
                call.complete(reply);
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        listening = true;
    }

    private void remember(BillingEvent event) {
        if (event instanceof UserBlocked || event instanceof ChatAdmitted admitted && admitted.blocked()) {
            blockedUsers.add(event.userId());
        } else if (event instanceof UserUnblocked || event instanceof ChatAdmitted) {
            blockedUsers.remove(event.userId());
        }
        BigDecimal balance = null;
        if (event instanceof UserRegistered registered) {
            balance = registered.initialBalance();
        } else if (event instanceof ChatAdmitted admitted) {
            balance = admitted.balance();
        } else if (event instanceof ChatCharged charged) {
            balance = charged.newBalance();
        } else if (event instanceof BalanceAdjusted adjusted) {
            balance = adjusted.newBalance();
        }
        if (balance != null) {
            lastKnownBalances.put(event.userId(), balance);
        }
    }
}
