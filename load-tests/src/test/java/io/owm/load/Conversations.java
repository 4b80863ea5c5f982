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

    /*
     * Message texts are cut from one long text of random words made once: building every text word by word, and
     * every body with String.format, took a quarter of the load generator's CPU, which shares the machine with the
     * system under test (docs/benchmarks.md, "Fourth round").
     */
    private static final String CORPUS = words(new SplittableRandom(7), 1 << 18);

    private final LoadSettings settings;
    private final boolean inlets;
    private final boolean outlets;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final SplittableRandom seeds = new SplittableRandom(42);

    Conversations(LoadSettings settings) {
        this.settings = settings;
        this.inlets = !settings.mode().equals("outlet");
        this.outlets = !settings.mode().equals("inlet");
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public synchronized Map<String, Object> next() {
        long n = sequence.incrementAndGet();
        SplittableRandom random = seeds.split();
        String user = user("load-user-" + random.nextInt(settings.users()));
        String model = "load-model-" + random.nextInt(settings.models());
        String chatId = "chat-" + run + "-" + n;
        String messageId = "msg-" + run + "-" + n;
        int turns = 1 + random.nextInt(5);
        StringBuilder history = new StringBuilder(8_192);
        for (int turn = 0; turn < turns - 1; turn++) {
            message(history, "user", text(random, 50, 600)).append(',');
            message(history, "assistant", text(random, 300, 3_000)).append(',');
        }
        message(history, "user", text(random, 50, 600));
        String reply = text(random, 300, 3_000);
        boolean usage = random.nextDouble() < settings.usageShare();
        Map<String, Object> chat = new HashMap<>();
        if (inlets) {
            chat.put("inletBody", new StringBuilder(history.length() + 512)
                    .append("{\"user\": ").append(user).append(", \"body\": {\"model\": \"").append(model)
                    .append("\", \"stream\": true, \"messages\": [").append(history)
                    .append("], \"metadata\": {\"chat_id\": \"").append(chatId)
                    .append("\", \"message_id\": \"").append(messageId)
                    .append("\", \"session_id\": \"load-").append(run).append("\"}}}").toString());
        }
        if (outlets) {
            StringBuilder body = new StringBuilder(history.length() + reply.length() + 640)
                    .append("{\"user\": ").append(user).append(", \"body\": {\"model\": \"").append(model)
                    .append("\", \"chat_id\": \"").append(chatId).append("\", \"id\": \"").append(messageId)
                    .append("\", \"session_id\": \"load-").append(run).append("\", \"messages\": [")
                    .append(history).append(", {\"role\": \"assistant\", \"content\": \"").append(reply)
                    .append('"');
            if (usage) {
                body.append(", \"usage\": {\"prompt_tokens\": ").append(history.length() / 4)
                        .append(", \"completion_tokens\": ").append(reply.length() / 4)
                        .append(", \"total_tokens\": ").append((history.length() + reply.length()) / 4).append('}');
            }
            chat.put("outletBody", body.append("}]}}").toString());
        }
        chat.put("retry", random.nextDouble() < settings.retryShare());
        return chat;
    }

    private static String user(String id) {
        return "{\"id\": \"" + id + "\", \"email\": \"" + id + "@load.example\", \"name\": \"Load " + id
                + "\", \"role\": \"user\", \"api_key\": \"sk-personal-" + id
                + "\", \"settings\": {\"ui\": {\"theme\": \"dark\"}}}";
    }

    private static StringBuilder message(StringBuilder json, String role, String content) {
        return json.append("{\"role\": \"").append(role).append("\", \"content\": \"").append(content)
                .append("\"}");
    }

    /** Whole words of the corpus, from a random place, until the length drawn between min and max characters. */
    private static String text(SplittableRandom random, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        int start = CORPUS.indexOf(' ', random.nextInt(CORPUS.length() - max - 64)) + 1;
        int end = CORPUS.indexOf(' ', start + length);
        return CORPUS.substring(start, end);
    }

    /** Words until the given length; sentences end with a full stop. */
    private static String words(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length + 16);
        int sentence = 0;
        while (text.length() < length) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
            text.append(++sentence % 12 == 0 ? ". " : " ");
        }
        return text.toString();
    }
}
