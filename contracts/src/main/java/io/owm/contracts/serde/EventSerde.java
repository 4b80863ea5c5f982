package io.owm.contracts.serde;

import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.billing.UserUnblocked;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.contracts.catalog.ModelTested;
import io.owm.contracts.catalog.UserGroups;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatStarted;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * How events travel: JSON values, string keys, and the logical type name (the record's simple name, never a Java
 * class name) in the {@code __TypeId__} header. Renaming or moving a record class therefore never breaks a
 * consumer, and a consumer only ever instantiates the records listed here.
 */
public final class EventSerde {

    public static final String TYPE_HEADER = "__TypeId__";

    /** Every event type, by its logical name. Events evolve by adding fields only; a type is never renamed. */
    public static final List<Class<?>> EVENT_TYPES = List.of(
            ChatStarted.class, ChatCompleted.class,
            UserRegistered.class, ChatAdmitted.class, ChatCharged.class, BalanceAdjusted.class,
            UserBlocked.class, UserUnblocked.class,
            ModelPriced.class, ModelTested.class, UserGroups.class);

    public static final String TYPE_MAPPINGS = EVENT_TYPES.stream()
            .map(type -> type.getSimpleName() + ":" + type.getName())
            .collect(Collectors.joining(","));

    private static final String EVENT_PACKAGES = EVENT_TYPES.stream()
            .map(type -> type.getPackage().getName())
            .distinct()
            .collect(Collectors.joining(","));

    private EventSerde() {
    }

    /** The event type of a logical name (a type header, a stored reply's type); unknown names are refused. */
    public static Class<?> typeNamed(String name) {
        return EVENT_TYPES.stream().filter(type -> type.getSimpleName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type " + name));
    }

    public static Map<String, Object> producerProperties() {
        return Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JacksonJsonSerializer.class,
                JacksonJsonSerializer.TYPE_MAPPINGS, TYPE_MAPPINGS);
    }

    /**
     * Values are decoded through {@link ErrorHandlingDeserializer}: a record that cannot be decoded reaches the
     * listener's error handler (and from there the dead-letter topic) instead of failing the poll forever.
     */
    public static Map<String, Object> consumerProperties() {
        return Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
                ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, JacksonJsonDeserializer.class,
                JacksonJsonDeserializer.TYPE_MAPPINGS, TYPE_MAPPINGS,
                JacksonJsonDeserializer.TRUSTED_PACKAGES, EVENT_PACKAGES);
    }
}
