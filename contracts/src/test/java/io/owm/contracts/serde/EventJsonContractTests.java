package io.owm.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.contracts.chat.ChatUser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of every event, as producers write it and consumers read it, pinned by a fixture per type in
 * {@code src/test/resources/events}: a renamed or removed field, or a changed number format, fails here before any
 * service meets it. Events evolve by adding fields; such a change adds the field to the fixture. Fixtures are
 * written anew with {@code -Dcontracts.write-fixtures=true} (then read the diff).
 */
class EventJsonContractTests {

    private static final Path FIXTURES = Path.of("src/test/resources/events");
    private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID CORRELATION = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final Instant AT = Instant.parse("2026-12-02T10:15:30.123Z");
    private static final ChatUser USER = new ChatUser("u-1", "ann@example.com", "Ann", "user");
    private static final ChatRef CHAT = new ChatRef("chat-1", "msg-1", "session-1");
    /** Reads numbers as written, so that 0.000450000000 stays that and is not turned into a double. */
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    static List<Object> events() {
        return List.of(
                new ChatStarted(ID, AT, "inlet:k", USER, "gpt-4o", CHAT, null),
                new ChatCompleted(ID, AT, "outlet:k", USER, "gpt-4o", CHAT, 1200, 300, false, "0a1b2c", 300L),
                new UserRegistered(ID, AT, "u-1", "ann@example.com", "Ann", "user", new BigDecimal("10")),
                new ChatAdmitted(ID, AT, "u-1", CORRELATION, "inlet:k", "gpt-4o", false, new BigDecimal("9.5"),
                        BigDecimal.ZERO, true, "Daily limit of 10 chats reached; renews at 2026-12-03 00:00 UTC",
                        Instant.parse("2026-12-03T00:00:00Z"), new BigDecimal("1"), "basic", "message_limit"),
                new ChatCharged(ID, AT, "u-1", CORRELATION, "outlet:k", "Ann", "gpt-4o", 1200, 300, false,
                        new BigDecimal("0.000450000000"), new BigDecimal("0.5"), new BigDecimal("9.99955"),
                        new BigDecimal("0.15"), new BigDecimal("0.9"), new BigDecimal("-1"), new BigDecimal("1"),
                        "basic"),
                new BalanceAdjusted(ID, AT, "u-1", new BigDecimal("5"), new BigDecimal("14.99955"), "ADJUSTMENT",
                        "invoice 42", "ops@example.com", null, null),
                new UserBlocked(ID, AT, "u-1", "admin"),
                new UserUnblocked(ID, AT, "u-1", "admin"),
                new ModelPriced(ID, AT, "gpt-4o", new BigDecimal("2.5"), new BigDecimal("10"), new BigDecimal("-1")),
                new ModelTested(ID, AT, "gpt-4o", false, 1234, "timeout after 30 s"),
                new UserGroups(ID, AT, "u-1", List.of("staff", "students")));
    }

    @Test
    void everyEventTypeHasAFixture() {
        assertThat(events()).extracting(event -> (Class) event.getClass())
                .containsExactlyInAnyOrderElementsOf(EventSerde.EVENT_TYPES);
    }

    @ParameterizedTest
    @MethodSource("events")
    void producersWriteTheJsonOfTheFixture(Object event) throws IOException {
        RecordHeaders headers = new RecordHeaders();
        byte[] written = serializer().serialize("topic", headers, event);
        Path fixture = FIXTURES.resolve(event.getClass().getSimpleName() + ".json");
        if (Boolean.getBoolean("contracts.write-fixtures")) {
            Files.writeString(fixture, EXACT.readTree(written).toPrettyString() + "\n");
        }
        assertThat(EXACT.readTree(written)).isEqualTo(EXACT.readTree(Files.readString(fixture)));
        assertThat(new String(headers.lastHeader(EventSerde.TYPE_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo(event.getClass().getSimpleName());
    }

    @ParameterizedTest
    @MethodSource("events")
    void consumersReadTheFixtureAsTheEvent(Object event) throws IOException {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventSerde.TYPE_HEADER, event.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        byte[] fixture = Files.readAllBytes(FIXTURES.resolve(event.getClass().getSimpleName() + ".json"));

        assertThat(deserializer().deserialize("topic", headers, fixture)).isEqualTo(event);
    }

    @Test
    void consumersReadRecordsWrittenBeforeAFieldWasAdded() throws IOException {
        // ChatAdmitted before "refused" (and the fields of plans after it), ChatCompleted before "usageDigest" and
        // "replyTokens": still in the topics and in billing's stored replies after an upgrade.
        String admitted = Files.readString(FIXTURES.resolve("ChatAdmitted.json")).replaceAll(
                ",\\s*\"(refused|refusal|renewsAt|lowBalanceThreshold|plan|refusalReason)\" : [^,\\n]*(\"[^\"]*\")?",
                "");
        String completed = Files.readString(FIXTURES.resolve("ChatCompleted.json"))
                .replace(",\n  \"usageDigest\" : \"0a1b2c\",\n  \"replyTokens\" : 300", "");
        assertThat(admitted).doesNotContain("refused");
        assertThat(completed).doesNotContain("replyTokens");

        assertThat(admitted).doesNotContain("renewsAt").doesNotContain("refusal");
        ChatAdmitted before = (ChatAdmitted) read("ChatAdmitted", admitted);
        assertThat(before.refused()).isFalse();
        assertThat(before.refusal()).isNull();
        assertThat(before.plan()).isNull();
        assertThat(before.refusalReason()).isNull();
        ChatCompleted old = (ChatCompleted) read("ChatCompleted", completed);
        assertThat(old.replyTokens()).isNull();
        assertThat(old.usageDigest()).isNull();
    }

    private static Object read(String type, String json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventSerde.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return deserializer().deserialize("topic", headers, json.getBytes(StandardCharsets.UTF_8));
    }

    private static JacksonJsonSerializer<Object> serializer() {
        JacksonJsonSerializer<Object> serializer = new JacksonJsonSerializer<>();
        serializer.configure(Map.of(JacksonJsonSerializer.TYPE_MAPPINGS, EventSerde.TYPE_MAPPINGS), false);
        return serializer;
    }

    @SuppressWarnings("unchecked")
    private static JacksonJsonDeserializer<Object> deserializer() {
        JacksonJsonDeserializer<Object> deserializer = new JacksonJsonDeserializer<>();
        Map<String, Object> config = new java.util.HashMap<>(EventSerde.consumerProperties());
        deserializer.configure(Map.of(
                JacksonJsonDeserializer.TYPE_MAPPINGS, config.get(JacksonJsonDeserializer.TYPE_MAPPINGS),
                JacksonJsonDeserializer.TRUSTED_PACKAGES, config.get(JacksonJsonDeserializer.TRUSTED_PACKAGES)),
                false);
        return deserializer;
    }
}
