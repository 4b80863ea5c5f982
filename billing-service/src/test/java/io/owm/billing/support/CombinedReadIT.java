package io.owm.billing.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.owm.billing.BillingServiceTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a look-up reads through JSON is what the table holds: exact amounts, instants, NULLs, any text; on R2DBC and
 * on JDBC alike.
 */
class CombinedReadIT extends BillingServiceTest {

    @Autowired
    JsonMapper json;

    @Autowired
    TransactionalOperator transaction;

    @Autowired
    BatchDatabase batchDatabase;

    record Probe(long id, BigDecimal amount, Instant at, String note, List<String> tags, Integer count) {
    }

    @BeforeEach
    void probeTable() {
        db.sql("""
                CREATE TABLE IF NOT EXISTS combined_read_probe (
                    id bigint PRIMARY KEY, amount numeric, at timestamptz, note text, tags text[], count int)
                """).then().block();
        db.sql("TRUNCATE combined_read_probe").then().block();
    }

    @Test
    void readsEveryValueExactlyInAnySessionTimeZone() {
        String note = "it's \"quoted\" \\ back\\slash, 多语言 😀, \t tab";
        String[] tags = {"a,b", "c\"d"};
        insert(1, "0.000000000000000123456789", "2026-12-04T04:00:57.123456Z", note, tags, 7);
        insert(2, "12345678901234567890.50", "1970-01-01T00:00:00Z", "", new String[] {}, 0);
        insert(3, null, null, null, null, null);

        List<Probe> probes = readAll("Asia/Kolkata", "p.id");

        assertThat(probes).containsExactly(
                new Probe(1, new BigDecimal("0.000000000000000123456789"),
                        Instant.parse("2026-12-04T04:00:57.123456Z"), note, List.of("a,b", "c\"d"), 7),
                new Probe(2, new BigDecimal("12345678901234567890.50"), Instant.EPOCH, "", List.of(), 0),
                new Probe(3, null, null, null, null, null));
        assertThat(probes.get(1).amount().scale()).isEqualTo(2);
        assertThat(readAll("America/St_Johns", "p.id")).isEqualTo(probes);
        assertThat(readAllOnJdbc("Asia/Kolkata", "p.id")).isEqualTo(probes);
        assertThat(readAllOnJdbc("America/St_Johns", "p.id")).isEqualTo(probes);
    }

    @Test
    void keepsThePartsOrderAnswersAnEmptyListForNoRowsAndCombinesParts() {
        for (int id = 1; id <= 50; id++) {
            insert(id, "1", Instant.EPOCH.plusSeconds(1000 - id).toString(), "n" + id, new String[] {}, id);
        }

        for (boolean onJdbc : new boolean[] {false, true}) {
            CombinedRead read = new CombinedRead();
            CombinedRead.Part<List<Long>> newestFirst = read.add(
                    "SELECT id, at FROM combined_read_probe WHERE id = ANY(CAST(:ids AS bigint[]))", "p.at",
                    Map.of("ids", new Long[] {3L, 40L, 17L, 25L}),
                    rows -> rows.stream().map(row -> row.longValue("id")).toList());
            CombinedRead.Part<List<Long>> none = read.add(
                    "SELECT id FROM combined_read_probe WHERE note = ANY(CAST(:notes AS text[]))",
                    Map.of("notes", new String[] {}), rows -> rows.stream().map(row -> row.longValue("id")).toList());
            CombinedRead.Part<Integer> both = newestFirst.with(none, (some, empty) -> some.size() + empty.size());
            CombinedRead.Results results = onJdbc ? read.execute(batchDatabase.jdbc(), json)
                    : read.execute(db, json).block(WAIT);

            assertThat(results.of(newestFirst)).containsExactly(40L, 25L, 17L, 3L);
            assertThat(results.of(none)).isEmpty();
            assertThat(results.of(both)).isEqualTo(4);
            CombinedRead.Part<List<Long>> elsewhere = new CombinedRead().add("SELECT 1 AS id", Map.of(),
                    rows -> rows.stream().map(row -> row.longValue("id")).toList());
            assertThatIllegalArgumentException().isThrownBy(() -> results.of(elsewhere));
        }
    }

    private List<Probe> readAll(String timeZone, String orderBy) {
        CombinedRead read = new CombinedRead();
        CombinedRead.Part<List<Probe>> probes = allProbes(read, orderBy);
        return db.sql("SET LOCAL TIME ZONE '" + timeZone + "'").then()
                .then(read.execute(db, json))
                .as(transaction::transactional)
                .map(results -> results.of(probes))
                .block(WAIT);
    }

    private List<Probe> readAllOnJdbc(String timeZone, String orderBy) {
        CombinedRead read = new CombinedRead();
        CombinedRead.Part<List<Probe>> probes = allProbes(read, orderBy);
        return batchDatabase.inTransaction(() -> {
            batchDatabase.jdbc().getJdbcOperations().execute("SET LOCAL TIME ZONE '" + timeZone + "'");
            return read.execute(batchDatabase.jdbc(), json).of(probes);
        });
    }

    private static CombinedRead.Part<List<Probe>> allProbes(CombinedRead read, String orderBy) {
        return read.add("SELECT id, amount::text AS amount, at, note, tags, count FROM combined_read_probe", orderBy,
                Map.of(),
                rows -> rows.stream().map(row -> new Probe(row.longValue("id"), row.decimal("amount"),
                        row.instant("at"), row.string("note"), row.strings("tags"), row.intValue("count"))).toList());
    }

    private void insert(long id, String amount, String at, String note, String[] tags, Integer count) {
        var spec = db.sql("""
                INSERT INTO combined_read_probe (id, amount, at, note, tags, count)
                VALUES (:id, CAST(:amount AS numeric), CAST(:at AS timestamptz), :note, CAST(:tags AS text[]), :count)
                """).bind("id", id);
        spec = amount == null ? spec.bindNull("amount", String.class) : spec.bind("amount", amount);
        spec = at == null ? spec.bindNull("at", String.class) : spec.bind("at", at);
        spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
        spec = tags == null ? spec.bindNull("tags", String[].class) : spec.bind("tags", tags);
        spec = count == null ? spec.bindNull("count", Integer.class) : spec.bind("count", count);
        spec.then().block(WAIT);
    }
}
