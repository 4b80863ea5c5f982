package io.owm.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Inlets answer with the truth of now: a caller who replays the chat and message ids of an inlet admitted before a
 * block is refused, and a hold that the balance cannot carry is neither taken nor left behind.
 */
class HonestInletsIT extends BillingServiceTest {

    @Autowired
    WebTestClient web;

    @Test
    void anInletReplayedWithTheSameIdsAfterABlockIsRefusedAndTakesNoSecondHold() {
        String user = newUser();
        ChatRef chat = new ChatRef("c-" + user, "m-" + user, null);
        ChatStarted first = ChatEvents.inlet(user, "gpt-4o", chat);
        kafka.send(Topics.CHAT_EVENTS.name(), user, first);
        assertThat(reply(ChatAdmitted.class, first.eventId()).blocked()).isFalse();

        web.delete().uri("/api/v1/users/" + user).exchange().expectStatus().isOk();
        ChatStarted replayed = new ChatStarted(UUID.randomUUID(), Instant.now(), first.requestKey(), first.user(),
                "gpt-4o", chat, null);
        kafka.send(Topics.CHAT_EVENTS.name(), user, replayed);

        ChatAdmitted answer = reply(ChatAdmitted.class, replayed.eventId());
        assertThat(answer.blocked()).isTrue();
        assertThat(ledgerReasons(user)).containsExactly("REGISTRATION", "INLET_HOLD");
    }

    @Test
    void aHoldTheBalanceCannotCarryIsNotTakenAndTheInletIsRefused() {
        String user = newUser();
        ChatStarted registering = ChatEvents.inlet(user, "unknown-model", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, registering);
        reply(ChatAdmitted.class, registering.eventId());
        web.put().uri("/api/v1/users/" + user + "/balance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"balance\": 0.4}").exchange().expectStatus().isOk();

        // gpt-4o holds 0.5 at inlet: more than the 0.4 left.
        ChatStarted inlet = ChatEvents.inlet(user, "gpt-4o", new ChatRef("c-" + user, "m-" + user, null));
        kafka.send(Topics.CHAT_EVENTS.name(), user, inlet);

        ChatAdmitted answer = reply(ChatAdmitted.class, inlet.eventId());
        assertThat(answer.refused()).isTrue();
        assertThat(answer.holdAmount()).isEqualByComparingTo("0");
        assertThat(balanceOf(user)).isEqualByComparingTo("0.4");
        assertThat(ledgerReasons(user)).doesNotContain("INLET_HOLD");
        Long openHolds = db.sql("SELECT count(*) AS n FROM holds WHERE user_id = :u").bind("u", user)
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(openHolds).isZero();
    }
}
