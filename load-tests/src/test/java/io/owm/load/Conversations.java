package io.owm.load;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endless supply of chats as OpenWebUI sends them to the function: a user (with the secrets a real
 * {@code __user__} carries), a model, a conversation of one to five turns whose last message is the assistant's
 * reply, and a chat and message id unique to the run. Sizes follow what chat users type and models answer: questions
 * of a sentence to a paragraph (about 50 to 600 characters), answers of a paragraph to a page (about 300 to 3,000).
 * The texts are English words, so the tokenizer sees what it sees in production.
 */
final class Conversations implements Iterator<Map<String, Object>> {

    private static final String[] WORDS = ("the a to of and in is it you that for on with as this be are can your"
            + " model data function return value error should would could please explain example code using"
            + " kafka billing balance token price user message request answer database query performance system"
            + " because however therefore first second finally when where which while about between through"
            + " spring java python service latency throughput partition consumer producer transaction ledger"
            + " summary table list result test deploy container memory thread process network client server")
            .split(" ");

    private final LoadSettings settings;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final SplittableRandom seeds = new SplittableRandom(42);

    Conversations(LoadSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public synchronized Map<String, Object> next() {
        long n = sequence.incrementAndGet();
        SplittableRandom random = seeds.split();
        String user = "load-user-" + random.nextInt(settings.users());
        String model = "load-model-" + random.nextInt(settings.models());
        String chatId = "chat-" + run + "-" + n;
        String messageId = "msg-" + run + "-" + n;
        int turns = 1 + random.nextInt(5);
        StringBuilder history = new StringBuilder();
        for (int turn = 0; turn < turns - 1; turn++) {
            history.append(message("user", text(random, 50, 600))).append(',');
            history.append(message("assistant", text(random, 300, 3_000))).append(',');
        }
        history.append(message("user", text(random, 50, 600)));
        String reply = text(random, 300, 3_000);
        String usage = random.nextDouble() < settings.usageShare()
                ? ", \"usage\": {\"prompt_tokens\": %d, \"completion_tokens\": %d, \"total_tokens\": %d}".formatted(
                        history.length() / 4, reply.length() / 4, (history.length() + reply.length()) / 4)
                : "";
        Map<String, Object> chat = new HashMap<>();
        chat.put("inletBody", """
                {"user": %s, "body": {"model": "%s", "stream": true, "messages": [%s],
                 "metadata": {"chat_id": "%s", "message_id": "%s", "session_id": "load-%s"}}}"""
                .formatted(user(user), model, history, chatId, messageId, run));
        chat.put("outletBody", """
                {"user": %s, "body": {"model": "%s", "chat_id": "%s", "id": "%s", "session_id": "load-%s",
                 "messages": [%s, {"role": "assistant", "content": "%s"%s}]}}"""
                .formatted(user(user), model, chatId, messageId, run, history, reply, usage));
        chat.put("retry", random.nextDouble() < settings.retryShare());
        return chat;
    }

    private static String user(String id) {
        return """
                {"id": "%s", "email": "%s@load.example", "name": "Load %s", "role": "user",
                 "api_key": "sk-personal-%s", "settings": {"ui": {"theme": "dark"}}}""".formatted(id, id, id, id);
    }

    private static String message(String role, String content) {
        return "{\"role\": \"" + role + "\", \"content\": \"" + content + "\"}";
    }

    /** Words until the length drawn between min and max characters; sentences end with a full stop. */
    private static String text(SplittableRandom random, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder(length + 16);
        int sentence = 0;
        while (text.length() < length) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
            text.append(++sentence % 12 == 0 ? ". " : " ");
        }
        return text.toString().trim();
    }
}
