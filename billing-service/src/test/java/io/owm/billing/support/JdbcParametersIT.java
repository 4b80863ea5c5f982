package io.owm.billing.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.owm.billing.BillingServiceTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Parameters written for R2DBC reach PostgreSQL over JDBC exactly: every text, every digit, every microsecond. */
class JdbcParametersIT extends BillingServiceTest {

    @Autowired
    BatchDatabase batchDatabase;

    @Test
    void textArraysKeepEveryCharacterAndNulls() {
        String[] texts = {"a,b", "c\"d", "e\\f", "{g}", "NULL", null, "", " padded ", "多语言 😀",
            "x'); DROP TABLE users; --"};

        assertThat(echo("text", texts)).containsExactlyElementsOf(Arrays.asList(texts));
    }

    @Test
    void decimalArraysKeepEveryDigitAndScale() {
        BigDecimal[] amounts = {new BigDecimal("0.000000000000000123456789"), new BigDecimal("12345678901234567890.50"),
                new BigDecimal("1E+3"), new BigDecimal("-7.10"), null};

        assertThat(echo("numeric", amounts))
                .containsExactly("0.000000000000000123456789", "12345678901234567890.50", "1000", "-7.10", null);
    }

    @Test
    void instantsKeepTheirMicrosecondsInAnySessionTimeZone() {
        Instant at = Instant.parse("2026-12-04T04:00:57.123456Z");
        Instant[] instants = {at, Instant.EPOCH, null};

        List<Instant> read = batchDatabase.inTransaction(() -> {
            batchDatabase.jdbc().getJdbcOperations().execute("SET LOCAL TIME ZONE 'America/St_Johns'");
            return batchDatabase.jdbc().query("""
                    SELECT t, n FROM unnest(CAST(:values AS timestamptz[])) WITH ORDINALITY AS v(t, n)
                    UNION ALL SELECT CAST(:at AS timestamptz), 0 ORDER BY 2
                    """,
                    JdbcParameters.of(Map.of("values", instants, "at", at)),
                    (row, n) -> {
                        OffsetDateTime value = row.getObject(1, OffsetDateTime.class);
                        return value == null ? null : value.toInstant();
                    });
        });

        assertThat(read).containsExactly(at, at, Instant.EPOCH, null);
    }

    @Test
    void integerArraysAndScalarsPassAsTheyAre() {
        assertThat(echo("int8", new Long[] {Long.MAX_VALUE, null, -1L})).containsExactly(
                String.valueOf(Long.MAX_VALUE), null, "-1");
        assertThat(echo("int4", new Integer[] {Integer.MIN_VALUE, 0})).containsExactly(
                String.valueOf(Integer.MIN_VALUE), "0");
        UUID id = UUID.randomUUID();
        assertThat(batchDatabase.jdbc().queryForObject("SELECT CAST(:id AS text) || CAST(:amount AS text)",
                JdbcParameters.of(Map.of("id", id, "amount", new BigDecimal("0.10"))), String.class))
                .isEqualTo(id + "0.10");
    }

    @Test
    void refusesAnArrayItHasNoTypeFor() {
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcParameters.of(Map.of("ids", new UUID[] {})))
                .withMessageContaining("java.util.UUID");
    }

    /** The array's elements as PostgreSQL's text, in order. */
    private List<String> echo(String elementType, Object[] values) {
        return batchDatabase.jdbc().query("SELECT CAST(e AS text) FROM unnest(CAST(:values AS " + elementType
                        + "[])) WITH ORDINALITY AS v(e, n) ORDER BY n",
                JdbcParameters.of(Map.of("values", values)), (row, n) -> row.getString(1));
    }
}
