package io.owm.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatUser;
import io.owm.gateway.web.FunctionApiException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code {"user": __user__, "body": body}} that OpenWebUI functions send: the current shape with the ids in
 * {@code body.metadata}, and the 0.3.x outlet with them on the body itself.
 */
class ChatRequestParserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsAnInletWithItsIdsInTheMetadata() {
        ChatRequest request = inlet("""
                {"user": {"id": "u1", "email": "ann@example.com", "name": "Ann", "role": "user"},
                 "body": {"model": "gpt-4o", "stream": true,
                          "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}],
                          "metadata": {"chat_id": "c1", "message_id": "m1", "session_id": "s1"}}}
                """);

        assertThat(request.user()).isEqualTo(new ChatUser("u1", "ann@example.com", "Ann", "user"));
        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.chat()).isEqualTo(new ChatRef("c1", "m1", "s1"));
        assertThat(request.messages()).containsExactly(
                json("{\"role\": \"system\", \"content\": \"be brief\"}"),
                json("{\"role\": \"user\", \"content\": \"hi\"}"));
        assertThat(request.task()).isNull();
    }

    @Test
    void readsAnInletWithoutIdsOrMessages() {
        ChatRequest request = inlet("{\"user\": {\"id\": \"u1\"}, \"body\": {\"model\": \"gpt-4o\"}}");

        assertThat(request.user()).isEqualTo(new ChatUser("u1", null, null, null));
        assertThat(request.chat()).isEqualTo(ChatRef.NONE);
        assertThat(request.messages()).isEmpty();
        assertThat(request.task()).isNull();
    }

    @Test
    void keepsOnlyIdEmailNameAndRoleOfTheUser() {
        ChatRequest request = inlet("""
                {"user": {"id": "u1", "email": "ann@example.com", "name": "Ann", "role": "admin",
                          "api_key": "sk-secret", "oauth_sub": "oidc@sub-secret",
                          "settings": {"ui": {"system": "settings-secret"}}, "valves": {"token": "valve-secret"}},
                 "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}}
                """);

        assertThat(request.user()).isEqualTo(new ChatUser("u1", "ann@example.com", "Ann", "admin"));
        assertThat(request.toString())
                .doesNotContain("sk-secret", "oidc@sub-secret", "settings-secret", "valve-secret");
    }

    @Test
    void readsTheOutletOfOpenWebUi03WithTheIdsOnTheBody() {
        ChatRequest request = outlet("""
                {"user": {"id": "u1", "name": "Ann"},
                 "body": {"model": "gpt-4o", "chat_id": "c1", "id": "m1", "session_id": "s1",
                          "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}}
                """);

        assertThat(request.user()).isEqualTo(new ChatUser("u1", null, "Ann", null));
        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.chat()).isEqualTo(new ChatRef("c1", "m1", "s1"));
        assertThat(request.lastMessage()).isEqualTo(json("{\"role\": \"assistant\", \"content\": \"hello\"}"));
    }

    @Test
    void takesTheOutletIdsOnTheBodyOverThoseInTheMetadata() {
        ChatRequest request = outlet("""
                {"user": {"id": "u1"},
                 "body": {"model": "gpt-4o", "chat_id": "c-body", "id": "m-body", "session_id": "s-body",
                          "messages": [{"role": "assistant", "content": "hello"}],
                          "metadata": {"chat_id": "c-meta", "message_id": "m-meta", "session_id": "s-meta"}}}
                """);

        assertThat(request.chat()).isEqualTo(new ChatRef("c-body", "m-body", "s-body"));
    }

    @Test
    void takesEachOutletIdTheBodyLacksFromTheMetadata() {
        ChatRequest request = outlet("""
                {"user": {"id": "u1"},
                 "body": {"model": "gpt-4o", "chat_id": "c-body",
                          "messages": [{"role": "assistant", "content": "hello"}],
                          "metadata": {"chat_id": "c-meta", "message_id": "m-meta", "session_id": "s-meta"}}}
                """);

        assertThat(request.chat()).isEqualTo(new ChatRef("c-body", "m-meta", "s-meta"));
    }

    @Test
    void acceptsIdsSentAsNumbersAsText() {
        ChatRequest outlet = outlet("""
                {"user": {"id": 42},
                 "body": {"model": "gpt-4o", "chat_id": 7, "id": 1001, "session_id": 3,
                          "messages": [{"role": "assistant", "content": "hello"}]}}
                """);
        ChatRequest inlet = inlet("""
                {"user": {"id": 42}, "body": {"model": "gpt-4o", "metadata": {"chat_id": 7, "message_id": 1001}}}
                """);

        assertThat(outlet.user().id()).isEqualTo("42");
        assertThat(outlet.chat()).isEqualTo(new ChatRef("7", "1001", "3"));
        assertThat(inlet.chat()).isEqualTo(new ChatRef("7", "1001", null));
    }

    @Test
    void takesBlankFieldsAsAbsent() {
        ChatRequest outlet = outlet("""
                {"user": {"id": "u1", "email": "", "name": "   ", "role": null},
                 "body": {"model": "gpt-4o", "chat_id": "", "id": "   ", "session_id": null,
                          "messages": [{"role": "assistant", "content": "hello"}],
                          "metadata": {"chat_id": "c-meta", "message_id": "m-meta", "session_id": " "}}}
                """);
        ChatRequest inlet = inlet("""
                {"user": {"id": "u1"},
                 "body": {"model": "gpt-4o", "metadata": {"chat_id": " ", "message_id": "", "task": "  "}}}
                """);

        assertThat(outlet.user()).isEqualTo(new ChatUser("u1", null, null, null));
        assertThat(outlet.chat()).isEqualTo(new ChatRef("c-meta", "m-meta", null));
        assertThat(inlet.chat()).isEqualTo(ChatRef.NONE);
        assertThat(inlet.task()).isNull();
    }

    @Test
    void refusesARequestThatIsNotAnObject() {
        assertRefused(() -> inlet("[]"), null)
                .hasMessage("The request must be a JSON object with user and body");
        assertRefused(() -> outlet("\"hello\""), null)
                .hasMessage("The request must be a JSON object with user and body");
    }

    @Test
    void refusesARequestWithoutABody() {
        assertRefused(() -> inlet("{\"user\": {\"id\": \"u1\"}}"), "body")
                .hasMessage("body is required and must be an object");
        assertRefused(() -> outlet("{\"user\": {\"id\": \"u1\"}, \"body\": \"gpt-4o\"}"), "body")
                .hasMessage("body is required and must be an object");
    }

    @Test
    void refusesARequestWithoutAUser() {
        assertRefused(() -> inlet("{\"body\": {\"model\": \"gpt-4o\"}}"), "user")
                .hasMessage("user is required and must be an object");
        assertRefused(() -> inlet("{\"user\": \"u1\", \"body\": {\"model\": \"gpt-4o\"}}"), "user")
                .hasMessage("user is required and must be an object");
    }

    @Test
    void refusesAUserWithoutAnId() {
        assertRefused(() -> inlet("{\"user\": {\"name\": \"Ann\"}, \"body\": {\"model\": \"gpt-4o\"}}"), "user.id")
                .hasMessage("user.id is required");
        assertRefused(() -> inlet("{\"user\": {\"id\": \"  \"}, \"body\": {\"model\": \"gpt-4o\"}}"), "user.id")
                .hasMessage("user.id is required");
        assertRefused(() -> inlet("{\"user\": {\"id\": {\"v\": 1}}, \"body\": {\"model\": \"gpt-4o\"}}"), "user.id")
                .hasMessage("user.id is required");
    }

    @Test
    void refusesARequestWithoutAModel() {
        assertRefused(() -> inlet("{\"user\": {\"id\": \"u1\"}, \"body\": {}}"), "body.model")
                .hasMessage("body.model is required");
        assertRefused(() -> outlet("""
                {"user": {"id": "u1"}, "body": {"model": "", "messages": [{"role": "assistant", "content": "hi"}]}}
                """), "body.model")
                .hasMessage("body.model is required");
    }

    @Test
    void refusesAnOutletWithoutMessages() {
        assertRefused(() -> outlet("{\"user\": {\"id\": \"u1\"}, \"body\": {\"model\": \"gpt-4o\"}}"),
                "body.messages")
                .hasMessage("body.messages must hold at least the assistant reply");
        assertRefused(() -> outlet("{\"user\": {\"id\": \"u1\"}, \"body\": {\"model\": \"gpt-4o\", \"messages\": []}}"),
                "body.messages")
                .hasMessage("body.messages must hold at least the assistant reply");
    }

    @Test
    void refusesMessagesThatAreNotAList() {
        assertRefused(() -> inlet("""
                {"user": {"id": "u1"}, "body": {"model": "gpt-4o", "messages": {"role": "user", "content": "hi"}}}
                """), "body.messages")
                .hasMessage("body.messages must be a list");
        assertRefused(() -> outlet("""
                {"user": {"id": "u1"}, "body": {"model": "gpt-4o", "messages": "hi"}}
                """), "body.messages")
                .hasMessage("body.messages must be a list");
    }

    @Test
    void refusesANulInTheOutletMessageId() {
        assertRefused(() -> outlet("""
                {"user": {"id": "u1"}, "body": {"model": "gpt-4o", "chat_id": "c1", "id": "m1\\u0000x",
                 "messages": [{"role": "assistant", "content": "hi"}]}}
                """), "body.id")
                .hasMessage("body.id must not contain control characters");
    }

    @Test
    void refusesANulInTheMetadataMessageId() {
        assertRefused(() -> inlet("""
                {"user": {"id": "u1"},
                 "body": {"model": "gpt-4o", "metadata": {"chat_id": "c1", "message_id": "m1\\u0000"}}}
                """), "body.metadata.message_id")
                .hasMessage("body.metadata.message_id must not contain control characters");
    }

    @Test
    void refusesANulInTheUserId() {
        assertRefused(() -> inlet("{\"user\": {\"id\": \"u\\u00001\"}, \"body\": {\"model\": \"gpt-4o\"}}"),
                "user.id")
                .hasMessage("user.id must not contain control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\\nLee", "Ann\\u007fLee", "Ann\\tLee", "\\u001b[31mAnn"})
    void refusesControlCharactersInTheUserName(String jsonName) {
        assertRefused(() -> inlet(withUserName(jsonName)), "user.name")
                .hasMessage("user.name must not contain control characters");
    }

    @Test
    void refusesAChatIdLongerThan256Characters() {
        assertRefused(() -> outlet(outletWithChatId("c".repeat(257))), "body.chat_id")
                .hasMessage("body.chat_id is longer than 256 characters");
    }

    @Test
    void takesAChatIdOf256Characters() {
        assertThat(outlet(outletWithChatId("c".repeat(256))).chat().chatId()).isEqualTo("c".repeat(256));
    }

    @Test
    void refusesAModelNameLongerThan256Characters() {
        assertRefused(() -> inlet("{\"user\": {\"id\": \"u1\"}, \"body\": {\"model\": \"" + "m".repeat(257) + "\"}}"),
                "body.model")
                .hasMessage("body.model is longer than 256 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\\ud800", "\\udc00Ann", "Ann\\ude00\\ud83d"})
    void refusesALoneSurrogateInTheUserName(String jsonName) {
        assertRefused(() -> inlet(withUserName(jsonName)), "user.name")
                .hasMessage("user.name is not valid Unicode (a lone surrogate)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"张伟", "Zoë Ångström", "Ann 😀", "👩‍💻 Dev", "Σωκράτης"})
    void keepsNamesBeyondAscii(String name) {
        assertThat(inlet(withUserName(name)).user().name()).isEqualTo(name);
    }

    @Test
    void takesAnEscapedSurrogatePairAsTheCharacterItSpells() {
        assertThat(inlet(withUserName("Ann \\ud83d\\ude00")).user().name()).isEqualTo("Ann 😀");
    }

    @Test
    void keepsTheTaskOfBackgroundWork() {
        ChatRequest request = inlet("""
                {"user": {"id": "u1"},
                 "body": {"model": "gpt-4o", "metadata": {"chat_id": "c1", "message_id": "m1",
                                                           "task": "title_generation"}}}
                """);

        assertThat(request.task()).isEqualTo("title_generation");
    }

    @Test
    void refusesATaskLongerThan64Characters() {
        assertThat(inlet(withTask("t".repeat(64))).task()).isEqualTo("t".repeat(64));
        assertRefused(() -> inlet(withTask("t".repeat(65))), "body.metadata.task")
                .hasMessage("body.metadata.task is longer than 64 characters");
    }

    private static ChatRequest inlet(String request) {
        return ChatRequestParser.inlet(json(request));
    }

    private static ChatRequest outlet(String request) {
        return ChatRequestParser.outlet(json(request));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** {@code jsonName} goes into the JSON as written, so JSON escapes in it are the parser's to decode. */
    private static String withUserName(String jsonName) {
        return "{\"user\": {\"id\": \"u1\", \"name\": \"" + jsonName + "\"}, \"body\": {\"model\": \"gpt-4o\"}}";
    }

    private static String withTask(String task) {
        return "{\"user\": {\"id\": \"u1\"}, \"body\": {\"model\": \"gpt-4o\", \"metadata\": {\"task\": \"" + task
                + "\"}}}";
    }

    private static String outletWithChatId(String chatId) {
        return """
                {"user": {"id": "u1"}, "body": {"model": "gpt-4o", "chat_id": "%s", "id": "m1",
                 "messages": [{"role": "assistant", "content": "hi"}]}}
                """.formatted(chatId);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowingCallable call,
            String parameter) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(FunctionApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.errorType()).isEqualTo("invalid_request");
            assertThat(e.parameter()).isEqualTo(parameter);
        });
    }
}
