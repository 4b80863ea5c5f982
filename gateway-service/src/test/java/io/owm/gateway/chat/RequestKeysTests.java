package io.owm.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestKeysTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CONVERSATION = """
            [{"role": "user", "content": "Write a haiku"},
             {"role": "assistant", "content": "hello world",
              "usage": {"prompt_tokens": 11, "completion_tokens": 2}}]
            """;

    @Test
    void givesAnInletSentAgainTheSameKey() {
        assertThat(RequestKeys.inlet(inlet("u1", "c1", "m1"))).isEqualTo(RequestKeys.inlet(inlet("u1", "c1", "m1")));
    }

    @Test
    void givesInletsOfAnotherUserChatOrMessageAnotherKey() {
        String key = RequestKeys.inlet(inlet("u1", "c1", "m1"));

        assertThat(RequestKeys.inlet(inlet("u2", "c1", "m1"))).isNotEqualTo(key);
        assertThat(RequestKeys.inlet(inlet("u1", "c2", "m1"))).isNotEqualTo(key);
        assertThat(RequestKeys.inlet(inlet("u1", "c1", "m2"))).isNotEqualTo(key);
    }

    @Test
    void givesEveryInletWithoutChatAndMessageIdItsOwnRandomKey() {
        String first = RequestKeys.inlet(inlet("u1", null, null));
        String second = RequestKeys.inlet(inlet("u1", null, null));
        String chatOnly = RequestKeys.inlet(inlet("u1", "c1", null));
        String messageOnly = RequestKeys.inlet(inlet("u1", null, "m1"));

        assertThat(List.of(first, second, chatOnly, messageOnly)).doesNotHaveDuplicates().allSatisfy(key -> {
            assertThat(key).startsWith("inlet:");
            assertThat(UUID.fromString(key.substring("inlet:".length())).version()).isEqualTo(4);
        });
    }

    @Test
    void prefixesInletKeysWithInlet() {
        assertThat(RequestKeys.inlet(inlet("u1", "c1", "m1"))).matches("inlet:[0-9a-f]{64}");
    }

    @Test
    void keepsUserAndChatIdApartInTheInletKey() {
        assertThat(RequestKeys.inlet(inlet("a", "bc", "m1"))).isNotEqualTo(RequestKeys.inlet(inlet("ab", "c", "m1")));
        assertThat(RequestKeys.inlet(inlet("u1", "c", "dm"))).isNotEqualTo(RequestKeys.inlet(inlet("u1", "cd", "m")));
    }

    @Test
    void givesAnOutletSentAgainTheSameKey() {
        assertThat(RequestKeys.outlet(outlet("u1", "c1", "m1", CONVERSATION)))
                .isEqualTo(RequestKeys.outlet(outlet("u1", "c1", "m1", CONVERSATION)));
    }

    @Test
    void givesAContinueOfTheSameMessageAnotherKey() {
        String continued = """
                [{"role": "user", "content": "Write a haiku"},
                 {"role": "assistant", "content": "hello world, and the rest of it",
                  "usage": {"prompt_tokens": 11, "completion_tokens": 2}}]
                """;

        assertThat(RequestKeys.outlet(outlet("u1", "c1", "m1", continued)))
                .isNotEqualTo(RequestKeys.outlet(outlet("u1", "c1", "m1", CONVERSATION)));
    }

    @Test
    void givesTheSameReplyWithOtherUsageAnotherKey() {
        String otherUsage = """
                [{"role": "user", "content": "Write a haiku"},
                 {"role": "assistant", "content": "hello world",
                  "usage": {"prompt_tokens": 11, "completion_tokens": 3}}]
                """;

        assertThat(RequestKeys.outlet(outlet("u1", "c1", "m1", otherUsage)))
                .isNotEqualTo(RequestKeys.outlet(outlet("u1", "c1", "m1", CONVERSATION)));
    }

    @Test
    void givesTheSameReplyWithOtherUsageInItsInfoAnotherKey() {
        String first = """
                [{"role": "assistant", "content": "hello world", "info": {"usage": {"prompt_tokens": 11,
                  "completion_tokens": 2}}}]
                """;
        String second = """
                [{"role": "assistant", "content": "hello world", "info": {"usage": {"prompt_tokens": 12,
                  "completion_tokens": 2}}}]
                """;

        assertThat(RequestKeys.outlet(outlet("u1", "c1", "m1", first)))
                .isNotEqualTo(RequestKeys.outlet(outlet("u1", "c1", "m1", second)));
    }

    @Test
    void givesOutletsOfAnotherUserChatOrMessageAnotherKey() {
        String key = RequestKeys.outlet(outlet("u1", "c1", "m1", CONVERSATION));

        assertThat(RequestKeys.outlet(outlet("u2", "c1", "m1", CONVERSATION))).isNotEqualTo(key);
        assertThat(RequestKeys.outlet(outlet("u1", "c2", "m1", CONVERSATION))).isNotEqualTo(key);
        assertThat(RequestKeys.outlet(outlet("u1", "c1", "m2", CONVERSATION))).isNotEqualTo(key);
    }

    @Test
    void keysAnIdentifiedOutletByItsReplyNotByTheMessagesBeforeIt() {
        String otherQuestion = """
                [{"role": "user", "content": "Write a limerick"},
                 {"role": "assistant", "content": "hello world",
                  "usage": {"prompt_tokens": 11, "completion_tokens": 2}}]
                """;

        assertThat(RequestKeys.outlet(outlet("u1", "c1", "m1", otherQuestion)))
                .isEqualTo(RequestKeys.outlet(outlet("u1", "c1", "m1", CONVERSATION)));
    }

    @Test
    void keysAnOutletWithoutIdsByItsConversation() {
        String otherQuestion = """
                [{"role": "user", "content": "Write a limerick"},
                 {"role": "assistant", "content": "hello world",
                  "usage": {"prompt_tokens": 11, "completion_tokens": 2}}]
                """;
        String key = RequestKeys.outlet(outlet("u1", null, null, CONVERSATION));

        assertThat(RequestKeys.outlet(outlet("u1", null, null, CONVERSATION))).isEqualTo(key);
        assertThat(RequestKeys.outlet(outlet("u1", null, null, otherQuestion))).isNotEqualTo(key);
        assertThat(RequestKeys.outlet(outlet("u2", null, null, CONVERSATION))).isNotEqualTo(key);
        assertThat(RequestKeys.outlet(new ChatRequest(user("u1"), "other-model", ChatRef.NONE, messages(CONVERSATION),
                null))).isNotEqualTo(key);
    }

    @Test
    void prefixesOutletKeysWithOutlet() {
        assertThat(RequestKeys.outlet(outlet("u1", "c1", "m1", CONVERSATION))).matches("outlet:[0-9a-f]{64}");
        assertThat(RequestKeys.outlet(outlet("u1", null, null, CONVERSATION))).matches("outlet:[0-9a-f]{64}");
    }

    @Test
    void keepsUserAndChatIdApartInTheOutletKey() {
        assertThat(RequestKeys.outlet(outlet("a", "bc", "m1", CONVERSATION)))
                .isNotEqualTo(RequestKeys.outlet(outlet("ab", "c", "m1", CONVERSATION)));
        assertThat(RequestKeys.outlet(outlet("u1", "c", "dm", CONVERSATION)))
                .isNotEqualTo(RequestKeys.outlet(outlet("u1", "cd", "m", CONVERSATION)));
    }

    private static ChatRequest inlet(String userId, String chatId, String messageId) {
        return new ChatRequest(user(userId), "gpt-4o", new ChatRef(chatId, messageId, null),
                messages("[{\"role\": \"user\", \"content\": \"Write a haiku\"}]"), null);
    }

    private static ChatRequest outlet(String userId, String chatId, String messageId, String messages) {
        return new ChatRequest(user(userId), "gpt-4o", new ChatRef(chatId, messageId, null), messages(messages), null);
    }

    private static ChatUser user(String id) {
        return new ChatUser(id, null, null, null);
    }

    private static List<JsonNode> messages(String array) {
        List<JsonNode> messages = new ArrayList<>();
        JSON.readTree(array).forEach(messages::add);
        return messages;
    }
}
