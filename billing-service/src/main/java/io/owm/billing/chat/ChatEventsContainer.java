package io.owm.billing.chat;

import java.time.Duration;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.stereotype.Component;

/**
 * The chat-events container commits only what {@link ChatEventsListener} acknowledges, which it does once the
 * broker has a batch's replies ({@link RepliesInFlight}); the other listeners keep the timed commits.
 */
@Component("chatEventsContainer")
class ChatEventsContainer
        implements ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> {

    /**
     * After how long without records a last batch, with no other behind it, has its replies settled and its offsets
     * committed (checked when a poll ends, so within the poll timeout after that).
     */
    private static final Duration SETTLE_WHEN_IDLE = Duration.ofSeconds(1);

    private final RepliesInFlight inFlight;

    ChatEventsContainer(RepliesInFlight inFlight) {
        this.inFlight = inFlight;
    }

    @Override
    public void postProcess(AbstractMessageListenerContainer<Object, Object> container) {
        container.getContainerProperties().setAckMode(AckMode.MANUAL);
        container.getContainerProperties().setConsumerRebalanceListener(inFlight);
        container.getContainerProperties().setIdleEventInterval(SETTLE_WHEN_IDLE.toMillis());
    }
}
