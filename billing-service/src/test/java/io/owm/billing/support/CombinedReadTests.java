package io.owm.billing.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombinedReadTests {

    @Test
    void makesEveryPartAJsonColumnOfOneRow() {
        CombinedRead read = new CombinedRead();
        read.add("SELECT x FROM a WHERE y = :y", Map.of("y", 1), List::size);
        read.add("SELECT x, at FROM b", "p.at, p.x", Map.of(), List::size);

        assertThat(read.sql()).isEqualTo("""
                SELECT (SELECT coalesce(json_agg(p), '[]')::text FROM (
                SELECT x FROM a WHERE y = :y
                ) p) AS r0,
                (SELECT coalesce(json_agg(p ORDER BY p.at, p.x), '[]')::text FROM (
                SELECT x, at FROM b
                ) p) AS r1""");
    }

    @Test
    void sharesAParameterNameWhenTheValuesAreEqualArrays() {
        CombinedRead read = new CombinedRead();
        read.add("SELECT 1 FROM a WHERE u = ANY(:users)", Map.of("users", new String[] {"alice"}), List::size);

        read.add("SELECT 1 FROM b WHERE u = ANY(:users)", Map.of("users", new String[] {"alice"}), List::size);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read.add("SELECT 1 FROM c WHERE u = ANY(:users)",
                        Map.of("users", new String[] {"bob"}), List::size))
                .withMessageContaining(":users");
    }

    @Test
    void refusesToCombinePartsOfTwoReads() {
        CombinedRead.Part<Integer> one = new CombinedRead().add("SELECT 1 FROM a", Map.of(), List::size);
        CombinedRead.Part<Integer> other = new CombinedRead().add("SELECT 1 FROM b", Map.of(), List::size);

        assertThatIllegalArgumentException().isThrownBy(() -> one.with(other, Integer::sum));
    }

    @Test
    void refusesToRunWithoutAPart() {
        assertThatIllegalStateException().isThrownBy(() -> new CombinedRead().sql());
    }
}
