package io.owm.billing.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.billing.BillingServiceTest;
import io.owm.billing.support.BatchDatabase;
import io.owm.contracts.chat.ChatUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Users are registered and refreshed exactly as their chat events describe them, whatever text they chose. */
class UserAccountsIT extends BillingServiceTest {

    @Autowired
    UserAccounts accounts;

    @Autowired
    BatchDatabase batchDatabase;

    @Test
    void registersOnceThenRefreshesTheProfileKeepingWhatAnEventLeavesOut() {
        String id = "x'); DELETE FROM users; -- " + UUID.randomUUID();
        String name = "O'Brien \\ \"$$\" 多语言 😀";
        Instant at = Instant.parse("2026-12-04T10:15:30.123456Z");

        Map<String, Account> first = lockOrRegister(List.of(
                new ChatUser(id, "old@example.com", "Old", "user"), new ChatUser(id, "a@example.com", name, null)), at);
        Map<String, Account> second = lockOrRegister(List.of(new ChatUser(id, null, null, "admin")), at.plusSeconds(5));

        assertThat(first.get(id).registeredNow()).isTrue();
        assertThat(first.get(id).balance()).isZero();
        assertThat(first.get(id).name()).isEqualTo(name);
        assertThat(second.get(id).registeredNow()).isFalse();
        assertThat(second.get(id).role()).isEqualTo("admin");
        Map<String, Object> row = db.sql("SELECT email, name, role FROM users WHERE id = :id")
                .bind("id", id).fetch().one().block(WAIT);
        assertThat(row).containsEntry("email", "a@example.com").containsEntry("name", name)
                .containsEntry("role", "admin");
        assertThat(db.sql("SELECT created_at FROM users WHERE id = :id").bind("id", id)
                .map(found -> found.get("created_at", Instant.class)).one().block(WAIT)).isEqualTo(at);
    }

    private Map<String, Account> lockOrRegister(List<ChatUser> users, Instant at) {
        return batchDatabase.inTransaction(() -> accounts.lockOrRegister(users, at));
    }
}
