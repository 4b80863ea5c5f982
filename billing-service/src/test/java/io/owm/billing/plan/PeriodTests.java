package io.owm.billing.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aMonthInShanghaiTurnsAtLocalMidnightNotAtUtcMidnight() {
        assertThat(Period.MONTH.keyOf(Instant.parse("2026-11-30T15:59:59Z"), SHANGHAI)).isEqualTo("2026-11");
        assertThat(Period.MONTH.keyOf(Instant.parse("2026-11-30T16:00:00Z"), SHANGHAI)).isEqualTo("2026-12");
        assertThat(Period.MONTH.nextStart(Instant.parse("2026-12-15T00:00:00Z"), SHANGHAI).toInstant())
                .isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
    }

    @Test
    void daysInBerlinFollowDaylightSavingTime() {
        // 29 March 2026: clocks go forward, the day has 23 hours.
        Instant springDay = Instant.parse("2026-03-29T12:00:00Z");
        assertThat(Duration.between(Period.DAY.startOf(springDay, BERLIN), Period.DAY.nextStart(springDay, BERLIN)))
                .isEqualTo(Duration.ofHours(23));
        assertThat(Period.DAY.keyOf(Instant.parse("2026-03-29T21:59:59Z"), BERLIN)).isEqualTo("2026-03-29");
        assertThat(Period.DAY.keyOf(Instant.parse("2026-03-29T22:00:00Z"), BERLIN)).isEqualTo("2026-03-30");
        // 25 October 2026: clocks go back, the day has 25 hours; 23:30 UTC is still that day's last hour.
        Instant autumnDay = Instant.parse("2026-10-25T12:00:00Z");
        assertThat(Duration.between(Period.DAY.startOf(autumnDay, BERLIN), Period.DAY.nextStart(autumnDay, BERLIN)))
                .isEqualTo(Duration.ofHours(25));
        assertThat(Period.DAY.keyOf(Instant.parse("2026-10-25T22:30:00Z"), BERLIN)).isEqualTo("2026-10-25");
        assertThat(Period.DAY.keyOf(Instant.parse("2026-10-25T23:00:00Z"), BERLIN)).isEqualTo("2026-10-26");
    }

    @Test
    void weeksStartOnMondayAndAreNamedByTheirIsoWeek() {
        Instant sunday = Instant.parse("2027-01-03T12:00:00Z");
        assertThat(Period.WEEK.keyOf(sunday, ZoneId.of("UTC"))).isEqualTo("2026-W53");
        assertThat(Period.WEEK.startOf(sunday, ZoneId.of("UTC")).toLocalDate()).hasToString("2026-12-28");
        assertThat(Period.WEEK.startOfKey("2026-W53", ZoneId.of("UTC")).toLocalDate()).hasToString("2026-12-28");
    }

    @Test
    void keysNameTheirPeriodExactlyAndNothingElseIsTaken() {
        assertThat(Period.MONTH.startOfKey("2026-12", SHANGHAI).toInstant())
                .isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(Period.HOUR.startOfKey("2026-12-02T10", BERLIN).toLocalTime()).hasToString("10:00");
        for (String wrong : new String[] {"2026-13", "2026-12-01", "December", "", "2026-W60"}) {
            assertThatThrownBy(() -> Period.MONTH.startOfKey(wrong, SHANGHAI))
                    .as(wrong).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Period.WEEK.startOfKey("2026-W60", SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
