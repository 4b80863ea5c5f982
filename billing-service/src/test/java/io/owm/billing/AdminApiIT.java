package io.owm.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserUnblocked;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.support.outbox.Outbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The users part of the admin API: balances, top-ups, blocking, the ledger, and the events each change publishes. */
class AdminApiIT extends BillingServiceTest {

    /** Reads answers with decimals kept exact, so that 0.3 is compared as 0.3 and not as a double. */
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Autowired
    WebTestClient web;

    @Autowired
    Outbox<BillingEvent> outbox;

    @Test
    void settingABalanceRecordsTheDifferenceAndPublishesIt() {
        String user = registeredUser();

        JsonNode answer = call(HttpMethod.PUT, "/api/v1/users/" + user + "/balance", "{\"balance\": 25.5}", 200);

        assertThat(answer.path("id").stringValue()).isEqualTo(user);
        assertThat(answer.path("balance").decimalValue()).isEqualByComparingTo("25.5");
        JsonNode entry = call(HttpMethod.GET, "/api/v1/users/" + user + "/ledger", null, 200).path("entries").get(0);
        assertThat(entry.path("reason").stringValue()).isEqualTo("ADMIN_SET");
        assertThat(entry.path("amount").decimalValue()).isEqualByComparingTo("15.5");
        assertThat(entry.path("balance_after").decimalValue()).isEqualByComparingTo("25.5");
        assertThat(entry.path("actor").stringValue()).isEqualTo("ops@example.com");
        BalanceAdjusted published = await().atMost(WAIT).until(() -> billingEvents.values(BalanceAdjusted.class)
                .stream().filter(e -> e.userId().equals(user)).findFirst().orElse(null), e -> e != null);
        assertThat(published.amount()).isEqualByComparingTo("15.5");
        assertThat(published.newBalance()).isEqualByComparingTo("25.5");
        assertThat(published.reason()).isEqualTo("ADMIN_SET");
        assertThat(published.actor()).isEqualTo("ops@example.com");
    }

    @Test
    void aBalanceThatIsNotANumberAnUnknownUserOrABalanceBeyondTheLimitIsRefusedWithoutChangingAnything() {
        String user = registeredUser();
        String path = "/api/v1/users/" + user + "/balance";

        assertThat(errorType(HttpMethod.PUT, path, "{\"balance\": \"12\"}", 400)).isEqualTo("invalid_request");
        assertThat(errorType(HttpMethod.PUT, path, "{}", 400)).isEqualTo("invalid_request");
        assertThat(errorType(HttpMethod.PUT, path, "not json", 400)).isEqualTo("invalid_request");
        assertThat(errorType(HttpMethod.PUT, path, "{\"balance\": 0.0000000000001}", 400))
                .isEqualTo("invalid_request");
        assertThat(errorType(HttpMethod.PUT, path, "{\"balance\": 1e12}", 400)).isEqualTo("balance_out_of_range");
        assertThat(errorType(HttpMethod.PUT, path, "{\"balance\": -1}", 400)).isEqualTo("balance_out_of_range");
        assertThat(errorType(HttpMethod.POST, "/api/v1/users/" + user + "/adjustments", "{\"amount\": 999995}", 400))
                .isEqualTo("balance_out_of_range");
        assertThat(errorType(HttpMethod.PUT, "/api/v1/users/nobody-" + UUID.randomUUID() + "/balance",
                "{\"balance\": 1}", 404)).isEqualTo("user_not_found");

        assertThat(balanceOf(user)).isEqualByComparingTo("10");
        assertThat(ledgerReasons(user)).containsExactly("REGISTRATION");
    }

    @Test
    void decimalsStayExact() {
        String user = registeredUser();
        call(HttpMethod.PUT, "/api/v1/users/" + user + "/balance", "{\"balance\": 0.1}", 200);
        JsonNode change = call(HttpMethod.POST, "/api/v1/users/" + user + "/adjustments", "{\"amount\": 0.2}", 200);

        assertThat(change.path("balance_after").decimalValue()).isEqualTo(new BigDecimal("0.3"));
        assertThat(change.path("user").path("balance").decimalValue()).isEqualTo(new BigDecimal("0.3"));
        assertThat(balanceOf(user)).isEqualByComparingTo("0.3");
    }

    @Test
    void aTopUpRetriedWithTheSameIdempotencyKeyIsAppliedOnce() {
        String user = registeredUser();
        String path = "/api/v1/users/" + user + "/adjustments";
        String key = "topup-" + UUID.randomUUID();
        String body = "{\"amount\": 5, \"note\": \"invoice 42\"}";

        JsonNode first = web.post().uri(path).header("Idempotency-Key", key).header("X-Owm-Actor", "ops")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()
                .transform(EXACT::readTree);
        JsonNode retry = web.post().uri(path).header("Idempotency-Key", key).header("X-Owm-Actor", "ops")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()
                .transform(EXACT::readTree);
        web.post().uri(path).header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 6}").exchange().expectStatus().isEqualTo(409);

        assertThat(first.path("replayed").booleanValue()).isFalse();
        assertThat(retry.path("replayed").booleanValue()).isTrue();
        assertThat(retry.path("balance_after").decimalValue()).isEqualByComparingTo("15");
        assertThat(balanceOf(user)).isEqualByComparingTo("15");
        assertThat(ledgerReasons(user)).containsExactly("REGISTRATION", "ADJUSTMENT");
        JsonNode entry = call(HttpMethod.GET, "/api/v1/users/" + user + "/ledger", null, 200).path("entries").get(0);
        assertThat(entry.path("note").stringValue()).isEqualTo("invoice 42");
        assertThat(entry.path("actor").stringValue()).isEqualTo("ops");
        assertThat(entry.path("cause").stringValue()).isEqualTo("admin:" + key);
    }

    @Test
    void aDeductionMayLeaveADebtAndTheNextInletTakesNoHold() {
        String user = registeredUser();
        JsonNode change = call(HttpMethod.POST, "/api/v1/users/" + user + "/adjustments",
                "{\"amount\": -12, \"note\": \"refund reversed\"}", 200);
        assertThat(change.path("balance_after").decimalValue()).isEqualByComparingTo("-2");

        ChatStarted inlet = ChatEvents.inlet(user, "gpt-4o", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, inlet);
        ChatAdmitted admitted = reply(ChatAdmitted.class, inlet.eventId());
        assertThat(admitted.balance()).isEqualByComparingTo("-2");
        assertThat(admitted.holdAmount()).isEqualByComparingTo("0");
    }

    @Test
    void aBlockedUserIsRefusedAtInletButAnOutletAlreadyUnderWayIsCharged() {
        String user = registeredUser();

        JsonNode blocked = call(HttpMethod.DELETE, "/api/v1/users/" + user, null, 200);
        assertThat(blocked.path("deleted").booleanValue()).isTrue();
        assertThat(blocked.path("success").booleanValue()).as("the original's answer").isTrue();
        assertThat(blocked.path("user").path("id").asString()).isEqualTo(user);
        assertThat(call(HttpMethod.GET, "/api/v1/users?deleted=true&search=" + user, null, 200).path("total")
                .longValue()).isEqualTo(1);
        // As in the original, the list without "deleted" holds active users only; "all" lists both.
        assertThat(call(HttpMethod.GET, "/api/v1/users?search=" + user, null, 200).path("total").longValue())
                .isZero();
        assertThat(call(HttpMethod.GET, "/api/v1/users?deleted=all&search=" + user, null, 200).path("total")
                .longValue()).isEqualTo(1);
        assertThat(call(HttpMethod.GET, "/api/v1/users?deleted=maybe", null, 400).path("error").asString())
                .contains("deleted must be");
        ChatStarted refused = ChatEvents.inlet(user, "gpt-4o", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, refused);
        assertThat(reply(ChatAdmitted.class, refused.eventId()).blocked()).isTrue();

        ChatCompleted underWay = ChatEvents.outlet(user, "m", ChatRef.NONE, "out:" + user, 1000, 1000);
        kafka.send(Topics.CHAT_EVENTS.name(), user, underWay);
        assertThat(reply(ChatCharged.class, underWay.eventId()).newBalance()).isEqualByComparingTo("9.88");

        JsonNode restored = call(HttpMethod.PATCH, "/api/v1/users/" + user, "{\"deleted\": false}", 200);
        assertThat(restored.path("success").booleanValue()).isTrue();
        assertThat(restored.path("user").path("deleted").booleanValue()).isFalse();
        assertThat(restored.path("deleted").booleanValue()).isFalse();
        ChatStarted admitted = ChatEvents.inlet(user, "gpt-4o", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, admitted);
        ChatAdmitted answer = reply(ChatAdmitted.class, admitted.eventId());
        assertThat(answer.blocked()).isFalse();
        assertThat(answer.balance()).isEqualByComparingTo("9.38");

        await().atMost(WAIT).until(() -> billingEvents.values(UserBlocked.class).stream()
                .anyMatch(e -> e.userId().equals(user))
                && billingEvents.values(UserUnblocked.class).stream().anyMatch(e -> e.userId().equals(user)));
        assertThat(errorType(HttpMethod.PATCH, "/api/v1/users/" + user, "{\"deleted\": \"no\"}", 400))
                .isEqualTo("invalid_request");
        assertThat(errorType(HttpMethod.DELETE, "/api/v1/users/nobody-" + UUID.randomUUID(), null, 404))
                .isEqualTo("user_not_found");
    }

    @Test
    void theLedgerListsNewestFirstInPages() {
        String user = registeredUser();
        call(HttpMethod.PUT, "/api/v1/users/" + user + "/balance", "{\"balance\": 20}", 200);
        call(HttpMethod.POST, "/api/v1/users/" + user + "/adjustments", "{\"amount\": 1}", 200);
        call(HttpMethod.POST, "/api/v1/users/" + user + "/adjustments", "{\"amount\": -3}", 200);

        JsonNode first = call(HttpMethod.GET, "/api/v1/users/" + user + "/ledger?page=1&pageSize=2", null, 200);
        JsonNode second = call(HttpMethod.GET, "/api/v1/users/" + user + "/ledger?page=2&pageSize=2", null, 200);

        assertThat(first.path("total").longValue()).isEqualTo(4);
        assertThat(first.path("entries")).extracting(e -> e.path("amount").decimalValue().toPlainString())
                .containsExactly("-3", "1");
        assertThat(second.path("entries")).extracting(e -> e.path("reason").stringValue())
                .containsExactly("ADMIN_SET", "REGISTRATION");
        assertThat(errorType(HttpMethod.GET, "/api/v1/users/" + user + "/ledger?pageSize=1000", null, 400))
                .isEqualTo("invalid_request");
    }

    @Test
    void aFactCommittedButNeverPublishedGoesOutWithTheNextSweep() {
        // The state a crash right after an admin change's commit leaves: the fact is in the outbox, unpublished.
        String user = registeredUser();
        BalanceAdjusted fact = new BalanceAdjusted(UUID.randomUUID(), Instant.now(), user, BigDecimal.ONE,
                BigDecimal.TEN, "ADJUSTMENT", "left behind", "ops");
        outbox.add(fact).block();

        await().atMost(WAIT).until(() -> billingEvents.values(BalanceAdjusted.class).stream()
                .anyMatch(e -> e.eventId().equals(fact.eventId())));
        Long unpublished = db.sql("SELECT count(*) AS n FROM outbox WHERE published_at IS NULL")
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(unpublished).isZero();
    }

    private String registeredUser() {
        String user = newUser();
        ChatStarted inlet = ChatEvents.inlet(user, "m", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, inlet);
        reply(ChatAdmitted.class, inlet.eventId());
        return user;
    }

    private JsonNode call(HttpMethod method, String path, String body, int status) {
        var request = web.method(method).uri(path).header("X-Owm-Actor", "ops@example.com");
        var sent = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        String answer = sent.exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult()
                .getResponseBody();
        return EXACT.readTree(answer);
    }

    private String errorType(HttpMethod method, String path, String body, int status) {
        JsonNode error = call(method, path, body, status);
        assertThat(error.path("success").booleanValue()).isFalse();
        assertThat(error.path("error").stringValue()).isNotBlank();
        return error.path("error_type").stringValue();
    }
}
