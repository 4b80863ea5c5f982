package io.owm.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.catalog.UserGroups;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Plans end to end in billing: the admin API, grants exactly once per user, plan and period with the period taken
 * from each event's own time (a test sets it, no clock is waited for), and limits refusing inlets.
 */
class PlansIT extends BillingServiceTest {

    /** A model without an inlet hold in this test context. */
    private static final String MODEL = "plan-model";

    @Autowired
    WebTestClient http;

    @Test
    void plansAndAssignmentsAreCheckedFieldByField() {
        String plan = newPlan();
        refused("/api/v1/plans/" + plan, "{\"amount\": 5, \"period\": \"month\", \"mode\": \"double\"}", "mode");
        refused("/api/v1/plans/" + plan, "{\"amount\": 5, \"period\": \"year\", \"mode\": \"add\"}", "period");
        refused("/api/v1/plans/" + plan, "{\"period\": \"month\", \"mode\": \"add\"}", "amount");
        refused("/api/v1/plans/" + plan, "{\"amount\": -1, \"period\": \"month\", \"mode\": \"add\"}", "amount");
        refused("/api/v1/plans/" + plan, "{\"amount\": 5, \"period\": \"month\", \"mode\": \"add\","
                + " \"timezone\": \"Mars/Olympus\"}", "timezone");
        refused("/api/v1/plans/" + plan, "{\"amount\": 5, \"period\": \"month\", \"mode\": \"add\","
                + " \"messageLimit\": {\"count\": 10, \"window\": \"week\"}}", "messageLimit.window");
        refused("/api/v1/plans/" + plan, "{\"amount\": 5, \"period\": \"month\", \"mode\": \"add\","
                + " \"spendCap\": {\"amount\": 0, \"period\": \"day\"}}", "spendCap.amount");
        refused("/api/v1/plans/-starts-with-a-dash", "{\"amount\": 5, \"period\": \"month\", \"mode\": \"add\"}", "name");
        refused("/api/v1/plans/assignments", "{\"roles\": {\"user\": \"no-such-plan\"}}", "roles.user");
        refused("/api/v1/plans/assignments", "{\"roles\": {\"guest\": \"" + plan + "\"}}", "roles");
        refused("/api/v1/plans/assignments", "{\"groups\": {\"students\": \"no-such-plan\"}}", "groups.students");
        refused("/api/v1/plans/assignments", "{\"groups\": [\"students\"]}", "groups");
        refused("/api/v1/plans/assignments", "{\"groups\": {\"" + "g".repeat(256) + "\": \"" + plan + "\"}}",
                "groups");

        put("/api/v1/plans/" + plan, "{\"amount\": 5, \"period\": \"month\", \"mode\": \"reset\","
                + " \"timezone\": \"Asia/Shanghai\", \"spendCap\": {\"amount\": 1, \"period\": \"day\"},"
                + " \"messageLimit\": {\"count\": 100, \"window\": \"day\"}}")
                .jsonPath("$.mode").isEqualTo("reset")
                .jsonPath("$.spendCap.amount").isEqualTo(1)
                .jsonPath("$.messageLimit.window").isEqualTo("day");
        http.get().uri("/api/v1/plans").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plans[?(@.name == '" + plan + "')].timezone").isEqualTo("Asia/Shanghai");
        http.delete().uri("/api/v1/plans/" + plan).exchange().expectStatus().isOk();
        http.delete().uri("/api/v1/plans/" + plan).exchange().expectStatus().isNotFound();
    }

    @Test
    void aMonthBoundaryInShanghaiGrantsEachPeriodOnceAtLocalMidnight() {
        String plan = plan("{\"amount\": 5, \"period\": \"month\", \"mode\": \"reset\", \"timezone\": \"Asia/Shanghai\"}");
        String user = userOn(plan);

        inletAt(user, "2026-11-30T15:59:58Z");   // 23:59:58 on 30 November in Shanghai: reset from 10 to 5
        outletAt(user, "2026-11-30T15:59:59Z");  // a chat of 0.6: 4.4 left
        inletAt(user, "2026-11-30T16:00:00Z");   // midnight, 1 December: reset to 5 again
        inletAt(user, "2026-12-20T08:00:00Z");

        assertThat(grants(user)).containsExactly(plan + ":2026-11", plan + ":2026-12");
        assertThat(balanceOf(user)).isEqualByComparingTo("5");
        assertThat(db.sql("SELECT count(*) AS n FROM allowance_grants WHERE user_id = :id").bind("id", user)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(2L);
    }

    @Test
    void eachModeMeetsWhatWasLeftAsItSays() {
        String reset = plan("{\"amount\": 5, \"period\": \"day\", \"mode\": \"reset\", \"timezone\": \"UTC\"}");
        String add = plan("{\"amount\": 5, \"period\": \"day\", \"mode\": \"add\", \"timezone\": \"UTC\"}");
        String topUp = plan("{\"amount\": 12, \"period\": \"day\", \"mode\": \"top-up\", \"timezone\": \"UTC\"}");
        String resetUser = userOn(reset);
        String addUser = userOn(add);
        String topUpUser = userOn(topUp);
        String fullUser = userOn(topUp);
        setBalance(fullUser, "20");

        for (String user : List.of(resetUser, addUser, topUpUser, fullUser)) {
            inletAt(user, "2026-12-01T10:00:00Z");
        }
        // Every user starts at the initial balance of 10.
        assertThat(balanceOf(resetUser)).isEqualByComparingTo("5");
        assertThat(balanceOf(addUser)).isEqualByComparingTo("15");
        assertThat(balanceOf(topUpUser)).isEqualByComparingTo("12");
        assertThat(balanceOf(fullUser)).isEqualByComparingTo("20");
        assertThat(grants(fullUser)).as("a top-up over the amount is no ledger entry").isEmpty();

        inletAt(addUser, "2026-12-02T00:00:00Z");
        assertThat(balanceOf(addUser)).isEqualByComparingTo("20");
    }

    @Test
    void aPlanChangedMidPeriodGrantsTheNewPlanOnceAndChangingBackGrantsNothing() {
        String first = plan("{\"amount\": 5, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\"}");
        String second = plan("{\"amount\": 3, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\"}");
        String user = userOn(first);
        inletAt(user, "2026-12-03T10:00:00Z");
        put("/api/v1/users/" + user + "/plan", "{\"plan\": \"" + second + "\"}");
        inletAt(user, "2026-12-10T10:00:00Z");
        put("/api/v1/users/" + user + "/plan", "{\"plan\": \"" + first + "\"}");
        inletAt(user, "2026-12-20T10:00:00Z");

        assertThat(grants(user)).containsExactly(first + ":2026-12", second + ":2026-12");
        assertThat(balanceOf(user)).isEqualByComparingTo("18");
    }

    @Test
    void aLateEventOfAnEarlierPeriodGrantsNothing() {
        String plan = plan("{\"amount\": 5, \"period\": \"month\", \"mode\": \"reset\", \"timezone\": \"UTC\"}");
        String user = userOn(plan);
        inletAt(user, "2026-12-03T10:00:00Z");
        inletAt(user, "2026-11-29T10:00:00Z");   // delivered late, from November

        assertThat(grants(user)).containsExactly(plan + ":2026-12");
    }

    @Test
    void anAdminGrantAndTheEventsOfThePeriodGrantItOnceInEitherOrder() {
        String plan = plan("{\"amount\": 4, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\"}");
        String granted = userOn(plan);
        String eventFirst = userOn(plan);
        inletAt(eventFirst, "2027-02-02T10:00:00Z");

        http.post().uri("/api/v1/plans/" + plan + "/grants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"period\": \"2027-02\"}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.granted").isEqualTo(1);
        http.post().uri("/api/v1/plans/" + plan + "/grants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"period\": \"2027-02\"}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.granted").isEqualTo(0);
        inletAt(granted, "2027-02-10T10:00:00Z");

        assertThat(grants(granted)).containsExactly(plan + ":2027-02");
        assertThat(grants(eventFirst)).containsExactly(plan + ":2027-02");
        assertThat(balanceOf(granted)).isEqualByComparingTo("14");
        refusedPost("/api/v1/plans/" + plan + "/grants", "{\"period\": \"2027-02-01\"}", "period");
    }

    @Test
    void aHundredSimultaneousInletsAgainstTenMessagesLeftAdmitExactlyTen() {
        String plan = plan("{\"amount\": 0, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\","
                + " \"messageLimit\": {\"count\": 10, \"window\": \"day\"}}");
        String user = userOn(plan);
        Instant at = Instant.parse("2026-12-05T09:00:00Z");
        List<ChatStarted> inlets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ChatStarted inlet = new ChatStarted(UUID.randomUUID(), at.plusMillis(i), "in:" + UUID.randomUUID(),
                    ChatEvents.user(user), MODEL, new ChatRef("c-" + i, "m-" + i, null), null);
            inlets.add(inlet);
        }
        inlets.parallelStream().forEach(inlet -> kafka.send(Topics.CHAT_EVENTS.name(), user, inlet));

        List<ChatAdmitted> answers = inlets.stream().map(inlet -> reply(ChatAdmitted.class, inlet.eventId())).toList();
        assertThat(answers.stream().filter(a -> !a.refused()).count()).isEqualTo(10);
        assertThat(answers.stream().filter(ChatAdmitted::refused).map(ChatAdmitted::refusal).distinct())
                .containsExactly("Daily limit of 10 chats reached; renews at 2026-12-06 00:00 UTC");
        assertThat(answers.stream().filter(ChatAdmitted::refused).map(ChatAdmitted::renewsAt).distinct())
                .containsExactly(Instant.parse("2026-12-06T00:00:00Z"));
        // The next day's window is a new one.
        assertThat(inletAt(user, "2026-12-06T00:00:01Z").refused()).isFalse();
    }

    @Test
    void aSpendCapRefusesTheNextChatOnceReachedSoOneChatAtATimePassesItByLessThanOneChatsCost() {
        String plan = plan("{\"amount\": 0, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\","
                + " \"spendCap\": {\"amount\": 1, \"period\": \"day\"}}");
        String user = userOn(plan);
        // 10,000 tokens at the default 60 USD per million: 0.6 a chat.
        assertThat(inletAt(user, "2026-12-07T09:00:00Z").refused()).isFalse();
        outletAt(user, "2026-12-07T09:00:10Z");
        assertThat(inletAt(user, "2026-12-07T09:01:00Z").refused()).isFalse();
        outletAt(user, "2026-12-07T09:01:10Z");
        ChatAdmitted third = inletAt(user, "2026-12-07T09:02:00Z");

        assertThat(third.refused()).isTrue();
        assertThat(third.refusal()).isEqualTo("Daily limit of $1.00 reached; renews at 2026-12-08 00:00 UTC");
        BigDecimal spent = BigDecimal.TEN.subtract(balanceOf(user));
        assertThat(spent).isEqualByComparingTo("1.2").isLessThan(new BigDecimal("1").add(new BigDecimal("0.6")));
    }

    @Test
    void aUsersPlanStatusShowsThePeriodItsGrantItsSpendAndEachLimitsUse() {
        String plan = plan("{\"amount\": 3, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\","
                + " \"spendCap\": {\"amount\": 5, \"period\": \"day\"},"
                + " \"messageLimit\": {\"count\": 5, \"window\": \"day\"}}");
        String user = userOn(plan);
        String now = Instant.now().toString();
        inletAt(user, now);
        outletAt(user, now);   // 0.6
        inletAt(user, now);

        http.get().uri("/api/v1/users/" + user + "/plan").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plan").isEqualTo(plan)
                .jsonPath("$.source").isEqualTo("user")
                .jsonPath("$.granted").isEqualTo(true)
                .jsonPath("$.spent").isEqualTo(0.6)
                .jsonPath("$.spendCap.spent").isEqualTo(0.6)
                .jsonPath("$.messageLimit.used").isEqualTo(2)
                .jsonPath("$.messageLimit.count").isEqualTo(5);
        http.get().uri("/api/v1/users/no-such-user-" + UUID.randomUUID() + "/plan").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aPlansLowBalanceThresholdTravelsWithTheUsersChargesAndAnswers() {
        String plan = plan("{\"amount\": 0, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\","
                + " \"lowBalanceThreshold\": 9.5}");
        String user = userOn(plan);
        assertThat(inletAt(user, "2026-12-09T09:00:00Z").lowBalanceThreshold()).isEqualByComparingTo("9.5");
        ChatCharged charged = outletAt(user, "2026-12-09T09:00:10Z");   // 0.6: 9.4 left
        assertThat(charged.lowBalanceThreshold()).isEqualByComparingTo("9.5");
        assertThat(charged.lowBalance()).isTrue();
        http.get().uri("/api/v1/plans").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plans[?(@.name == '" + plan + "')].lowBalanceThreshold").isEqualTo(9.5);
        refused("/api/v1/plans/" + plan, "{\"amount\": 0, \"period\": \"month\", \"mode\": \"add\","
                + " \"lowBalanceThreshold\": -1}", "lowBalanceThreshold");
    }

    @Test
    void aGroupsPlanAppliesAfterTheUsersOwnAndOfTwoGroupsTheMoreGenerousAndLeavingTheGroupEndsIt() {
        String small = plan("{\"amount\": 2, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\"}");
        String large = plan("{\"amount\": 7, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\"}");
        String own = plan("{\"amount\": 1, \"period\": \"month\", \"mode\": \"add\", \"timezone\": \"UTC\"}");
        String students = "students " + UUID.randomUUID();
        String staff = "staff " + UUID.randomUUID();
        put("/api/v1/plans/assignments", "{\"groups\": {\"" + students + "\": \"" + small + "\", \"" + staff
                + "\": \"" + large + "\"}}")
                .jsonPath("$.assignments.groups['" + students + "']").isEqualTo(small);
        String student = userOn(null);
        String both = userOn(null);
        String ownPlan = userOn(own);
        String leaver = userOn(null);
        inGroups(student, "2026-12-01T00:00:00Z", students);
        inGroups(both, "2026-12-01T00:00:00Z", staff, students);
        inGroups(ownPlan, "2026-12-01T00:00:00Z", staff);
        inGroups(leaver, "2026-12-01T00:00:00Z", students);
        inGroups(leaver, "2026-12-02T00:00:00Z");
        inGroups(leaver, "2026-11-30T00:00:00Z", staff);   // an older change, delivered late: ignored
        groupChangesStored();

        for (String user : List.of(student, both, ownPlan, leaver)) {
            inletAt(user, "2027-03-04T10:00:00Z");
        }
        assertThat(grants(student)).containsExactly(small + ":2027-03");
        assertThat(grants(both)).containsExactly(large + ":2027-03");
        assertThat(grants(ownPlan)).containsExactly(own + ":2027-03");
        assertThat(grants(leaver)).isEmpty();

        http.get().uri("/api/v1/users/" + both).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plan").isEqualTo(large).jsonPath("$.plan_source").isEqualTo("group");
        http.get().uri("/api/v1/users/" + both + "/plan").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plan").isEqualTo(large).jsonPath("$.source").isEqualTo("group")
                .jsonPath("$.group").isEqualTo(staff);
        http.get().uri("/api/v1/users/" + ownPlan).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plan").isEqualTo(own).jsonPath("$.plan_source").isEqualTo("user");
        http.get().uri("/api/v1/users/" + leaver).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plan").isEmpty();
        http.post().uri("/api/v1/plans/" + large + "/grants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"period\": \"2027-04\"}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.granted").isEqualTo(1);
        assertThat(grants(both)).containsExactly(large + ":2027-03", large + ":2027-04");
        put("/api/v1/plans/assignments", "{}");
    }

    /**
     * Publishes a user's groups as the catalog does, all to one partition, so that {@link #groupChangesStored}
     * knows when billing has read them in order.
     */
    private void inGroups(String user, String at, String... groups) {
        kafka.send(Topics.USER_GROUPS.name(), 0, user, new UserGroups(UUID.randomUUID(), Instant.parse(at), user,
                List.of(groups)));
    }

    /** Waits until billing has read every group change sent so far: a last one behind them is stored. */
    private void groupChangesStored() {
        String marker = newUser();
        inGroups(marker, "2026-12-01T00:00:00Z", "marker");
        await().until(() -> db.sql("SELECT 1 FROM user_groups WHERE user_id = :id").bind("id", marker)
                .fetch().first().blockOptional().isPresent());
    }

    private String plan(String body) {
        String plan = newPlan();
        put("/api/v1/plans/" + plan, body);
        return plan;
    }

    /** A user billing knows (registered with the initial balance of 10 by an inlet), then put on the plan, if any. */
    private String userOn(String plan) {
        String user = newUser();
        ChatStarted registering = ChatEvents.inlet(user, MODEL, ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, registering);
        reply(ChatAdmitted.class, registering.eventId());
        if (plan != null) {
            put("/api/v1/users/" + user + "/plan", "{\"plan\": \"" + plan + "\"}");
        }
        return user;
    }

    private ChatAdmitted inletAt(String user, String at) {
        ChatStarted inlet = new ChatStarted(UUID.randomUUID(), Instant.parse(at), "in:" + UUID.randomUUID(),
                ChatEvents.user(user), MODEL, new ChatRef("c-" + UUID.randomUUID(), "m-1", null), null);
        kafka.send(Topics.CHAT_EVENTS.name(), user, inlet);
        return reply(ChatAdmitted.class, inlet.eventId());
    }

    private ChatCharged outletAt(String user, String at) {
        ChatCompleted outlet = new ChatCompleted(UUID.randomUUID(), Instant.parse(at), "out:" + UUID.randomUUID(),
                ChatEvents.user(user), MODEL, new ChatRef("c-" + UUID.randomUUID(), "m-1", null), 5_000, 5_000,
                false, "usage", 5_000L);
        kafka.send(Topics.CHAT_EVENTS.name(), user, outlet);
        return reply(ChatCharged.class, outlet.eventId());
    }

    private void setBalance(String user, String balance) {
        put("/api/v1/users/" + user + "/balance", "{\"balance\": " + balance + "}");
    }

    private List<String> grants(String user) {
        return db.sql("SELECT cause FROM ledger_entries WHERE user_id = :id AND reason = 'ALLOWANCE' ORDER BY id")
                .bind("id", user).map(row -> row.get("cause", String.class)).all().collectList().block();
    }

    private WebTestClient.BodyContentSpec put(String path, String body) {
        return http.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody();
    }

    private void refused(String path, String body, String parameter) {
        http.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error_type").isEqualTo("invalid_request")
                .jsonPath("$.parameter").isEqualTo(parameter);
    }

    private void refusedPost(String path, String body, String parameter) {
        http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.parameter").isEqualTo(parameter);
    }

    private static String newPlan() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
