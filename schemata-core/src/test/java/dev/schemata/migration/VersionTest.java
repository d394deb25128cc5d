package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionTest {

    private static List<String> sorted(String... texts) {
        List<Version> versions = new ArrayList<>();
        for (String text : texts) {
            versions.add(Version.parse(text));
        }
        Collections.shuffle(versions, new java.util.Random(42));
        Collections.sort(versions);
        return versions.stream().map(Version::toString).toList();
    }

    @Test
    void numbersCompareNumericallyNotAsText() {
        assertThat(sorted("10", "2", "001")).containsExactly("001", "2", "10");
    }

    @Test
    void flywayDottedVersionsComparePartByPart() {
        assertThat(sorted("2", "1.10", "1.2", "1_3")).containsExactly("1.2", "1_3", "1.10", "2");
    }

    @Test
    void shorterPrefixComesFirst() {
        assertThat(Version.parse("1")).isLessThan(Version.parse("1.0"));
        assertThat(Version.parse("2026-06-03-220228")).isLessThan(Version.parse("2026-06-03-220228-0000"));
    }

    @Test
    void dieselTimestampsOrderByTheirParts() {
        assertThat(sorted("2026-06-03-220228-0000", "2019-02-26-002946", "00000000000000", "2019-02-27-170003"))
                .containsExactly("00000000000000", "2019-02-26-002946", "2019-02-27-170003", "2026-06-03-220228-0000");
    }

    @Test
    void longTimestampsOfDifferentLengthsMix() {
        // 14-digit (dbmate), 18-digit and a 20-digit one that no long can hold.
        assertThat(sorted("202401311200000000", "20240131120000", "99999999999999999999", "20240131115959",
                "100000000000000000000"))
                .containsExactly("20240131115959", "20240131120000", "202401311200000000", "99999999999999999999",
                        "100000000000000000000");
        assertThat(Version.parse("100000000000000000000").parts())
                .containsExactly(new BigInteger("100000000000000000000"));
    }

    @Test
    void leadingZerosDoNotChangeTheOrderButStayInTheText() {
        Version padded = Version.parse("001");
        Version plain = Version.parse("1");
        assertThat(padded.compareTo(plain)).isZero();
        assertThat(padded).isNotEqualTo(plain);
        assertThat(padded).hasToString("001");
        assertThat(Version.parse("1.01").compareTo(Version.parse("1.1"))).isZero();
        assertThat(Version.parse("1.01")).isLessThan(Version.parse("1.2"));
    }

    @Test
    void partsAreTheNumbers() {
        assertThat(Version.parse("2019-02-26-002946").parts()).containsExactly(
                BigInteger.valueOf(2019), BigInteger.valueOf(2), BigInteger.valueOf(26), BigInteger.valueOf(2946));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1a", "1..2", "-1", "1-", "v1", "1 2", "١"})
    void rejectsTextThatIsNoVersion(String text) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE))
                .hasMessageContaining("'" + text + "' is not a migration version");
        assertThat(Version.tryParse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.2.3", "1_1", "2019-02-26-002946", "007"})
    void acceptsVersions(String text) {
        assertThat(Version.tryParse(text)).contains(new Version(text));
    }

    @Test
    void normalizedTextIsEqualExactlyWhenVersionsCompareEqual() {
        assertThat(Version.parse("001").normalized()).isEqualTo("1");
        assertThat(Version.parse("1_01").normalized()).isEqualTo(Version.parse("1.1").normalized()).isEqualTo("1.1");
        assertThat(Version.parse("2019-02-26-002946").normalized()).isEqualTo("2019.2.26.2946");
        assertThat(Version.parse("0").normalized()).isEqualTo("0");
        assertThat(Version.parse("1").normalized()).isNotEqualTo(Version.parse("1.0").normalized());
        assertThat(Version.parse("10").normalized()).isNotEqualTo(Version.parse("1.0").normalized());
    }

    @Test
    void aLongPartStillOrdersByItsLength() {
        String huge = "9".repeat(300);
        assertThat(Version.parse(huge)).isGreaterThan(Version.parse("9".repeat(299)));
        assertThat(Version.parse("1." + huge)).isLessThan(Version.parse("2"));
    }
}
