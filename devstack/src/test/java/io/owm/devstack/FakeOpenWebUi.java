package io.owm.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A stand-in for OpenWebUI's HTTP API, as much of it as the catalog calls: the model list, chat completions and the
 * groups. It lists a base model, a model derived from it and a model whose completions fail, so that the console's
 * model page has a price to sync and a test to fail, and one group with one member, as OpenWebUI 0.6.41 and later
 * give them (a count in the list, the members in the group's export). Requests without the right key are refused, as OpenWebUI does.
 */
final class FakeOpenWebUi implements AutoCloseable {

    static final String API_KEY = "it-openwebui-key";
    static final String BASE_MODEL = "gpt-4o";
    static final String DERIVED_MODEL = "my.gpt-4o";
    static final String BROKEN_MODEL = "broken-model";

    private static final String MODELS = """
            {"data": [
              {"id": "gpt-4o", "name": "GPT-4o", "info": {"meta": {"profile_image_url": ""}}},
              {"id": "my.gpt-4o", "name": "Derived GPT-4o", "info": {"base_model_id": "gpt-4o",
                "params": {"system": "You are terse."}}},
              {"id": "broken-model", "name": "Broken Model", "info": {}}]}
            """;

    static final String GROUP = "students";
    static final String GROUP_MEMBER = "console-student";

    private static final String GROUPS = """
            [{"id": "g-students", "name": "students", "description": "", "member_count": 1}]
            """;

    private static final String STUDENTS = """
            {"id": "g-students", "name": "students", "user_ids": ["console-student"], "member_count": 1}
            """;

    private final HttpServer server;

    private FakeOpenWebUi(HttpServer server) {
        this.server = server;
    }

    static FakeOpenWebUi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/api/models", exchange -> answer(exchange, "GET", MODELS));
            server.createContext("/api/v1/groups", exchange -> {
                switch (exchange.getRequestURI().getPath()) {
                    case "/api/v1/groups/" -> answer(exchange, "GET", GROUPS);
                    case "/api/v1/groups/id/g-students/export" -> answer(exchange, "GET", STUDENTS);
                    default -> send(exchange, 404, "{\"detail\": \"Not Found\"}");
                }
            });
            server.createContext("/api/chat/completions", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (request.contains("\"" + BROKEN_MODEL + "\"")) {
                    send(exchange, 500, "{\"detail\": \"model backend crashed\"}");
                } else {
                    answer(exchange, "POST", "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"hi\"}}]}");
                }
            });
            server.start();
            return new FakeOpenWebUi(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the OpenWebUI stand-in", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, String method, String body) throws IOException {
        if (!method.equals(exchange.getRequestMethod())) {
            send(exchange, 405, "{\"detail\": \"Method Not Allowed\"}");
        } else if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"detail\": \"Not authenticated\"}");
        } else {
            send(exchange, 200, body);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
