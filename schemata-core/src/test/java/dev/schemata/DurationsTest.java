package dev.schemata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "10min, PT10M", "10 min, PT10M", "2h, PT2H", "1d, PT24H",
            "600, PT10M", "0s, PT0S", "24d, PT576H", "2073600000ms, PT576H"})
    void readsEveryForm(String text, Duration expected) {
        assertThat(Durations.parse(text, "s")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            3000000h              | "3000000h" is out of range: at most 24d (24 days)
            99999999999999999999h | "99999999999999999999h" is out of range: at most 24d (24 days)
            2073600001ms          | "2073600001ms" is out of range
            25d                   | "25d" is out of range
            1sec                  | "1sec": unknown unit "sec"; expected a whole number and a unit: ms, s, m or min, h, d
            forever               | "forever" is not a duration; expected a whole number and a unit
            -5s                   | "-5s" is not a duration
            1.5s                  | "1.5s" is not a duration
            """)
    void refusesWhatItCannotReadOrHold(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text, "s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aNumberWithoutAUnitNeedsOneWhereNoneIsImplied() {
        assertThatThrownBy(() -> Durations.parse("5000", null)).hasMessageStartingWith("\"5000\" has no unit");
        assertThatThrownBy(() -> Durations.parse("1sec", "s")).hasMessageEndingWith("from 0 to 24d; a number alone counts as seconds");
        assertThatThrownBy(() -> Durations.parse("1sec", null)).hasMessageEndingWith("from 0 to 24d");
    }

    @Test
    void writesTheLargestExactUnit() {
        assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.text(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(Durations.text(Duration.ofMinutes(10))).isEqualTo("10min");
        assertThat(Durations.text(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.text(Duration.ofDays(1))).isEqualTo("1d");
    }
}
