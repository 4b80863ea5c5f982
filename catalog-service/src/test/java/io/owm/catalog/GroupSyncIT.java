package io.owm.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.catalog.UserGroups;
import io.owm.testsupport.KafkaProbe;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * OpenWebUI's groups synced to the {@code user-groups} topic: members read from the list (OpenWebUI up to 0.6.36)
 * or from each group's export (0.6.41 on), only the users whose groups changed published, a user who left every
 * group published with none, and the versions that give no members refused with a message that says so.
 */
class GroupSyncIT extends CatalogServiceTest {

    @Test
    void eachUsersGroupsArePublishedWhenTheyChangeAndOnlyThen() {
        String ann = "ann-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String cid = "cid-" + UUID.randomUUID();
        try (KafkaProbe.Collector published = kafka.collect(Topics.USER_GROUPS.name())) {
            // OpenWebUI 0.6.36 and before: members in the list.
            openWebUi.stubFor(get(urlEqualTo("/api/v1/groups/")).willReturn(okJson("""
                    [{"id": "g1", "name": "students", "user_ids": ["%s", "%s"]},
                     {"id": "g2", "name": "staff", "user_ids": ["%s"], "description": ""}]"""
                    .formatted(ann, bob, bob))));
            sync().jsonPath("$.groups").isEqualTo(2).jsonPath("$.members").isEqualTo(2);
            await().atMost(WAIT).until(() -> latest(published).keySet().containsAll(List.of(ann, bob)));
            assertThat(latest(published)).containsEntry(ann, List.of("students"))
                    .containsEntry(bob, List.of("staff", "students"));

            // OpenWebUI 0.6.41 and later: a count in the list, the members in each group's export.
            openWebUi.resetAll();
            openWebUi.stubFor(get(urlEqualTo("/api/v1/groups/")).willReturn(okJson("""
                    [{"id": "g1", "name": "students", "member_count": 1},
                     {"id": "g3", "name": "teachers", "member_count": 1}]""")));
            openWebUi.stubFor(get(urlEqualTo("/api/v1/groups/id/g1/export")).willReturn(okJson("""
                    {"id": "g1", "name": "students", "user_ids": ["%s"], "member_count": 1}""".formatted(ann))));
            openWebUi.stubFor(get(urlEqualTo("/api/v1/groups/id/g3/export")).willReturn(okJson("""
                    {"id": "g3", "name": "teachers", "user_ids": ["%s"], "member_count": 1}""".formatted(cid))));
            int before = published.values(UserGroups.class).size();
            sync().jsonPath("$.changed").isEqualTo(2);
            await().atMost(WAIT).until(() -> latest(published).containsKey(cid));
            assertThat(latest(published)).containsEntry(bob, List.of()).containsEntry(cid, List.of("teachers"));
            assertThat(published.values(UserGroups.class).subList(before, published.values(UserGroups.class).size()))
                    .as("ann's groups did not change").noneMatch(change -> change.userId().equals(ann));

            sync().jsonPath("$.changed").isEqualTo(0);
            http.get().uri("/api/v1/groups").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.groups[?(@.name == 'students')].members").isEqualTo(1)
                    .jsonPath("$.groups[?(@.name == 'teachers')].members").isEqualTo(1)
                    .jsonPath("$.groups[?(@.name == 'staff')]").isEmpty();
        }
        openWebUi.verify(getRequestedFor(urlEqualTo("/api/v1/groups/id/g1/export"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + OPENWEBUI_KEY)));
    }

    @Test
    void anOpenWebUiThatGivesNoMembersIsRefusedWithTheVersionToUpgradeTo() {
        openWebUi.stubFor(get(urlEqualTo("/api/v1/groups/")).willReturn(okJson("""
                [{"id": "g9", "name": "students", "member_count": 3}]""")));
        openWebUi.stubFor(get(urlEqualTo("/api/v1/groups/id/g9/export")).willReturn(notFound()));

        http.post().uri("/api/v1/groups/sync").exchange().expectStatus().isEqualTo(502).expectBody()
                .jsonPath("$.error_type").isEqualTo("openwebui_unsupported")
                .jsonPath("$.error").value(message -> assertThat((String) message).contains("0.6.41"));
    }

    private WebTestClient.BodyContentSpec sync() {
        return http.post().uri("/api/v1/groups/sync").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.success").isEqualTo(true);
    }

    /** The latest groups published per user. */
    private static Map<String, List<String>> latest(KafkaProbe.Collector published) {
        return published.values(UserGroups.class).stream()
                .collect(Collectors.toMap(UserGroups::userId, UserGroups::groups, (older, newer) -> newer));
    }
}
