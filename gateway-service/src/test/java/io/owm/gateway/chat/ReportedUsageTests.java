package io.owm.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.owm.gateway.web.FunctionApiException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage a model reported on the reply, and the tokens the gateway counts itself: "hello world" is 2 tokens
 * in cl100k_base.
 */
class ReportedUsageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TokenCounter COUNTER = new TokenCounter();

    @Test
    void findsUsageOnTheMessage() {
        assertThat(counts("""
                {"role": "assistant", "content": "hi", "usage": {"prompt_tokens": 10, "completion_tokens": 5}}
                """)).containsExactly(10L, 5L);
    }

    @Test
    void findsUsageInTheInfoOfTheMessage() {
        assertThat(counts("""
                {"role": "assistant", "content": "hi",
                 "info": {"usage": {"prompt_tokens": 10, "completion_tokens": 5}}}
                """)).containsExactly(10L, 5L);
    }

    @Test
    void findsUsageInTheLegacyInfo() {
        assertThat(counts("""
                {"role": "assistant", "content": "hi",
                 "info": {"prompt_tokens": 10, "completion_tokens": 5, "total_duration": 123456789}}
                """)).containsExactly(10L, 5L);
    }

    @Test
    void prefersUsageOnTheMessageThenInfoUsageThenInfo() {
        assertThat(counts("""
                {"role": "assistant", "content": "hi", "usage": {"prompt_tokens": 1, "completion_tokens": 2},
                 "info": {"usage": {"prompt_tokens": 3, "completion_tokens": 4},
                          "prompt_tokens": 5, "completion_tokens": 6}}
                """)).containsExactly(1L, 2L);
        assertThat(counts("""
                {"role": "assistant", "content": "hi",
                 "info": {"usage": {"prompt_tokens": 3, "completion_tokens": 4},
                          "prompt_tokens": 5, "completion_tokens": 6}}
                """)).containsExactly(3L, 4L);
    }

    @Test
    void prefersWholeReplyCountsOverPromptAndCompletion() {
        assertThat(counts("""
                {"role": "assistant", "content": "hi", "usage": {"prompt_tokens": 10, "completion_tokens": 5,
                 "input_tokens": 30, "output_tokens": 12}}
                """)).containsExactly(30L, 12L);
    }

    @Test
    void findsNoUsageWhereTheModelReportedNone() {
        assertThat(ReportedUsage.of(json("{\"role\": \"assistant\", \"content\": \"hi\"}"))).isEmpty();
        assertThat(ReportedUsage.of(json("""
                {"role": "assistant", "content": "hi", "usage": {"prompt_tokens": 10}}
                """))).isEmpty();
        assertThat(ReportedUsage.of(json("""
                {"role": "assistant", "content": "hi", "usage": {"prompt_tokens": 10, "completion_tokens": null}}
                """))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"prompt_tokens\": -1, \"completion_tokens\": 5}",
            "{\"prompt_tokens\": 10, \"completion_tokens\": -5}",
            "{\"input_tokens\": -30, \"output_tokens\": -12}"})
    void takesNegativeCountsAsNoUsage(String usage) {
        assertThat(ReportedUsage.of(json("{\"role\": \"assistant\", \"content\": \"hi\", \"usage\": " + usage + "}")))
                .isEmpty();
    }

    @Test
    void takesCountsUpToTheBound() {
        assertThat(counts("""
                {"role": "assistant", "content": "hi", "usage": {"prompt_tokens": 100000000, "completion_tokens": 0}}
                """)).containsExactly(100_000_000L, 0L);
    }

    @Test
    void refusesACountBeyondTheBoundNamingIt() {
        assertRefused(() -> ReportedUsage.of(json("""
                {"role": "assistant", "content": "hi", "usage": {"prompt_tokens": 100000001, "completion_tokens": 1}}
                """)), "body.messages[-1].usage.prompt_tokens")
                .hasMessage("body.messages[-1].usage.prompt_tokens must be between 0 and 100000000");
    }

    @Test
    void namesTheCountBeyondTheBoundWhereverTheUsageWas() {
        assertRefused(() -> ReportedUsage.of(json("""
                {"role": "assistant", "content": "hi",
                 "info": {"usage": {"prompt_tokens": 1, "completion_tokens": 100000001}}}
                """)), "body.messages[-1].info.usage.completion_tokens");
        assertRefused(() -> ReportedUsage.of(json("""
                {"role": "assistant", "content": "hi", "info": {"input_tokens": 1, "output_tokens": 100000001}}
                """)), "body.messages[-1].info.output_tokens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e30", "1.0E20", "100000000000000000000", "1e10", "100000001.0"})
    void refusesHugeCountsWhateverTheirNotation(String count) {
        assertRefused(() -> ReportedUsage.of(json("{\"role\": \"assistant\", \"content\": \"hi\", \"usage\": "
                + "{\"prompt_tokens\": " + count + ", \"completion_tokens\": 1}}")),
                "body.messages[-1].usage.prompt_tokens");
    }

    @Test
    void givesEqualUsageTheSameDigest() {
        String message = """
                {"role": "assistant", "content": "hi",
                 "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}
                """;

        String digest = ReportedUsage.of(json(message)).orElseThrow().digest();

        assertThat(digest).matches("[0-9a-f]{32}");
        assertThat(ReportedUsage.of(json(message)).orElseThrow().digest()).isEqualTo(digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"input_tokens\": 31, \"output_tokens\": 12, \"prompt_tokens\": 10, \"completion_tokens\": 5}",
            "{\"input_tokens\": 30, \"output_tokens\": 13, \"prompt_tokens\": 10, \"completion_tokens\": 5}",
            "{\"input_tokens\": 30, \"output_tokens\": 12, \"prompt_tokens\": 11, \"completion_tokens\": 5}",
            "{\"input_tokens\": 30, \"output_tokens\": 12, \"prompt_tokens\": 10, \"completion_tokens\": 6}"})
    void givesUsageWithAnyOtherCountAnotherDigest(String otherUsage) {
        String usage = "{\"input_tokens\": 30, \"output_tokens\": 12, \"prompt_tokens\": 10, \"completion_tokens\": 5}";

        assertThat(digestOf(otherUsage)).isNotEqualTo(digestOf(usage));
    }

    @Test
    void chargesReportedUsageAndStillCountsTheReply() {
        List<JsonNode> messages = messages("""
                [{"role": "user", "content": "Say hello world"},
                 {"role": "assistant", "content": "hello world",
                  "usage": {"prompt_tokens": 10, "completion_tokens": 5, "input_tokens": 30, "output_tokens": 12}}]
                """);

        OutletUsage usage = COUNTER.measure(messages);

        assertThat(usage).isEqualTo(new OutletUsage(30, 12, false,
                ReportedUsage.of(messages.get(1)).orElseThrow().digest(), 2));
        assertThat(usage.usageDigest()).isNotNull();
    }

    @Test
    void countsEveryMessageBeforeTheLastAsInputWithoutReportedUsage() {
        OutletUsage usage = COUNTER.measure(messages("""
                [{"role": "system", "content": "hello world"},
                 {"role": "user", "content": "hello world"},
                 {"role": "assistant", "content": "hello world"}]
                """));

        assertThat(usage).isEqualTo(new OutletUsage(4, 2, true, null, 2));
    }

    @Test
    void countsOnlyTheTextPartsOfMultimodalContent() {
        OutletUsage usage = COUNTER.measure(messages("""
                [{"role": "user", "content": [
                    {"type": "text", "text": "hello world"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                    {"type": "text", "text": {"not": "a string"}}]},
                 {"role": "assistant", "content": [
                    {"type": "text", "text": "hello world"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]}]
                """));

        assertThat(usage).isEqualTo(new OutletUsage(2, 2, true, null, 2));
    }

    @Test
    void countsTheTokensWhenTheReportedUsageIsNegative() {
        OutletUsage usage = COUNTER.measure(messages("""
                [{"role": "user", "content": "hello world"},
                 {"role": "assistant", "content": "hello world",
                  "usage": {"prompt_tokens": -1, "completion_tokens": 5}}]
                """));

        assertThat(usage).isEqualTo(new OutletUsage(2, 2, true, null, 2));
    }

    @Test
    void countsNothingForAReplyWithoutText() {
        OutletUsage usage = COUNTER.measure(messages("""
                [{"role": "assistant", "tool_calls": [{"id": "call-1", "type": "function"}]}]
                """));

        assertThat(usage).isEqualTo(new OutletUsage(0, 0, true, null, 0));
    }

    private static long[] counts(String message) {
        ReportedUsage usage = ReportedUsage.of(json(message)).orElseThrow();
        return new long[] {usage.input(), usage.output()};
    }

    private static String digestOf(String usage) {
        return ReportedUsage.of(json("{\"role\": \"assistant\", \"content\": \"hi\", \"usage\": " + usage + "}"))
                .orElseThrow().digest();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static List<JsonNode> messages(String array) {
        List<JsonNode> messages = new ArrayList<>();
        json(array).forEach(messages::add);
        return messages;
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
