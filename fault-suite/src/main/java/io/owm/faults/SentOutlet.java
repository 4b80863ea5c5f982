package io.owm.faults;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One outlet the suite sent (over HTTP, possibly several times) or published straight to Kafka, with every answer it
 * got. Each of a user's outlets has a different number of input tokens, so a cost identifies the request among the
 * user's ledger entries without the suite having to know how the gateway derives request keys.
 */
final class SentOutlet {

    /** The default prices billing applies to models without one: 60 USD per million tokens each way. */
    static final BigDecimal PRICE_PER_TOKEN = new BigDecimal("0.00006");

    /**
     * What one HTTP attempt got back, sent at {@code sentAtMillis} and answered at {@code atMillis}; status 0 when
     * the call itself failed (refused, reset, timed out).
     */
    record Answer(int status, boolean pending, BigDecimal totalCost, BigDecimal newBalance, long inputTokens,
            long outputTokens, long sentAtMillis, long atMillis) {

        boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** Answered by billing itself: accepted and not pending. */
        boolean normal() {
            return accepted() && !pending;
        }
    }

    final String user;
    final String chatId;
    final String messageId;
    final long inputTokens;
    final long outputTokens;
    final boolean viaKafka;
    private final List<Answer> answers = new ArrayList<>();

    SentOutlet(String user, String chatId, String messageId, long inputTokens, long outputTokens, boolean viaKafka) {
        this.user = user;
        this.chatId = chatId;
        this.messageId = messageId;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.viaKafka = viaKafka;
    }

    BigDecimal expectedCost() {
        return PRICE_PER_TOKEN.multiply(BigDecimal.valueOf(inputTokens + outputTokens));
    }

    synchronized void record(Answer answer) {
        answers.add(answer);
    }

    synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Must be charged exactly once: an HTTP 2xx was answered, or the suite published it to Kafka itself. */
    synchronized boolean mustBeCharged() {
        return viaKafka || answers.stream().anyMatch(Answer::accepted);
    }

    /** How the suite's outlets written straight to Kafka tell their usage apart, as the gateway's digest does. */
    String usageDigest() {
        return "fault:" + inputTokens + "/" + outputTokens;
    }

    String body() {
        return """
                {"user": {"id": "%s", "name": "Fault %s", "email": "%s@faults.example", "role": "user",
                          "api_key": "sk-user-secret"},
                 "body": {"model": "fault-model", "chat_id": "%s", "id": "%s", "messages": [
                    {"role": "user", "content": "How do I make a charge happen exactly once?"},
                    {"role": "assistant", "content": "Derive a key from the request and remember it.",
                     "usage": {"prompt_tokens": %d, "completion_tokens": %d}}]}}
                """.formatted(user, user, user, chatId, messageId, inputTokens, outputTokens);
    }

    String inletBody() {
        return """
                {"user": {"id": "%s", "name": "Fault %s"},
                 "body": {"model": "fault-model", "messages": [{"role": "user", "content": "hi"}],
                          "metadata": {"chat_id": "%s", "message_id": "%s"}}}
                """.formatted(user, user, chatId, messageId);
    }
}
