package io.owm.billing.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombinedWriteTests {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void makesEveryPartACteOfOneStatement() {
        CombinedWrite write = new CombinedWrite()
                .add("INSERT INTO a (x, at) VALUES (:x, :at)", Map.of("x", 1, "at", AT))
                .add("UPDATE b SET at = :at WHERE y = :y", Map.of("y", 2, "at", AT));

        assertThat(write.sql()).isEqualTo("""
                WITH w0 AS (
                INSERT INTO a (x, at) VALUES (:x, :at)
                ),
                w1 AS (
                UPDATE b SET at = :at WHERE y = :y
                )
                SELECT 1""");
        assertThat(write.isEmpty()).isFalse();
    }

    @Test
    void refusesOneParameterNameWithTwoValues() {
        CombinedWrite write = new CombinedWrite().add("INSERT INTO a (at) VALUES (:at)", Map.of("at", AT));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> write.add("UPDATE b SET at = :at", Map.of("at", AT.plusSeconds(1))))
                .withMessageContaining(":at");
    }

    @Test
    void isEmptyUntilAPartIsAdded() {
        assertThat(new CombinedWrite().isEmpty()).isTrue();
    }
}
