package io.owm.benchmarks;

import io.owm.contracts.Topics;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatUser;
import io.owm.contracts.serde.EventSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A backlog of outlets as the gateway writes them: one reply per event, each a new message of a new chat, users
 * taking turns. Token counts vary so that costs differ, and the expected total is known exactly.
 */
final class ChatBacklog {

    /** The default prices billing applies to unknown models: 60 USD per million tokens each way. */
    private static final BigDecimal PRICE_PER_TOKEN = new BigDecimal("0.00006");

    private final int events;
    private final int users;

    ChatBacklog(int events, int users) {
        this.events = events;
        this.users = users;
    }

    static String userId(int index) {
        return "bench-user-" + index;
    }

    /** Writes the backlog and answers the total cost billing must charge for it. */
    BigDecimal write(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(EventSerde.producerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        long tokens = 0;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < events; i++) {
                String user = userId(i % users);
                long input = 200 + (i % 50) * 10;
                long output = 100 + (i % 70) * 5;
                tokens += input + output;
                ChatUser chatUser = new ChatUser(user, user + "@bench.example", "Bench " + user, "user");
                ChatCompleted outlet = new ChatCompleted(UUID.randomUUID(), Instant.now(), "bench:" + i, chatUser,
                        "bench-model", new ChatRef("chat-" + i, "msg-" + i, null), input, output, false,
                        "bench:" + input + "/" + output, output);
                producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS.name(), user, outlet));
            }
            producer.flush();
        }
        return PRICE_PER_TOKEN.multiply(BigDecimal.valueOf(tokens));
    }
}
