package dev.schemata.connect;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionResolverTest {
    @TempDir
    Path home;

    private final List<String> warnings = new ArrayList<>();

    private Optional<ConnectionSettings> resolve(String url, Map<String, String> vars) {
        return new ConnectionResolver(new Environment(vars, home, "alice"), warnings::add).resolve(url);
    }

    @Test
    void nothingConfiguredMeansTheDevDatabase() {
        assertThat(resolve(null, Map.of("PGPASSWORD", "only-a-password"))).isEmpty();
    }

    @Test
    void explicitUrlWinsOverEveryVariable() {
        ConnectionSettings s = resolve("postgresql://cli@clihost:6000/clidb", Map.of(
                "SCHEMATA_URL", "postgresql://s@shost/sdb", "DATABASE_URL", "postgresql://d@dhost/ddb",
                "PGHOST", "pghost")).orElseThrow();
        assertThat(s.hosts()).containsExactly(new HostPort("clihost", 6000));
        assertThat(s.user()).isEqualTo("cli");
        assertThat(s.database()).isEqualTo("clidb");
        assertThat(s.source()).isEqualTo("--url");
    }

    @Test
    void schemataUrlComesBeforeDatabaseUrlWhichComesBeforePgVariables() {
        Map<String, String> vars = new HashMap<>(Map.of("SCHEMATA_URL", "postgresql://s@shost/sdb",
                "DATABASE_URL", "postgresql://d@dhost/ddb", "PGHOST", "pghost", "PGDATABASE", "pgdb"));
        assertThat(resolve(null, vars).orElseThrow().database()).isEqualTo("sdb");
        vars.remove("SCHEMATA_URL");
        assertThat(resolve(null, vars).orElseThrow().database()).isEqualTo("ddb");
        assertThat(resolve(null, vars).orElseThrow().source()).isEqualTo("DATABASE_URL");
        vars.remove("DATABASE_URL");
        ConnectionSettings pg = resolve(null, vars).orElseThrow();
        assertThat(pg.hosts()).containsExactly(new HostPort("pghost", 5432));
        assertThat(pg.database()).isEqualTo("pgdb");
        assertThat(pg.user()).isEqualTo("alice");
    }

    @Test
    void libpqVariablesFillWhatTheUrlLeavesOut() {
        ConnectionSettings s = resolve(null, Map.of("DATABASE_URL", "postgres://dhost/ddb",
                "PGUSER", "bob", "PGPASSWORD", "pw-from-env", "PGPORT", "6543", "PGSSLMODE", "require")).orElseThrow();
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password()).isEqualTo("pw-from-env");
        assertThat(s.hosts()).containsExactly(new HostPort("dhost", 6543));
        assertThat(s.parameters()).containsEntry("sslmode", "require");
    }

    @Test
    void uriWithEverything() {
        ConnectionSettings s = resolve("postgresql://app%40corp:p%40ss%3Aword@db1:5433,[::1]:5434/my%20db"
                + "?sslmode=verify-full&application_name=deploy&connect_timeout=5", Map.of()).orElseThrow();
        assertThat(s.user()).isEqualTo("app@corp");
        assertThat(s.password()).isEqualTo("p@ss:word");
        assertThat(s.hosts()).containsExactly(new HostPort("db1", 5433), new HostPort("::1", 5434));
        assertThat(s.database()).isEqualTo("my db");
        assertThat(s.parameters()).containsEntry("sslmode", "verify-full").containsEntry("ApplicationName", "deploy")
                .containsEntry("connectTimeout", "5");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5433,[::1]:5434/my%20db");
    }

    @Test
    void jdbcUrlWithUserAndPasswordParameters() {
        ConnectionSettings s = resolve("jdbc:postgresql://h:5555/appdb?user=u&password=secret1&sslmode=disable",
                Map.of()).orElseThrow();
        assertThat(s.user()).isEqualTo("u");
        assertThat(s.password()).isEqualTo("secret1");
        assertThat(s.hosts()).containsExactly(new HostPort("h", 5555));
        assertThat(s.parameters()).containsEntry("sslmode", "disable");
        assertThat(s.maskedUrl()).doesNotContain("secret1").contains("u:***@h:5555/appdb");
    }

    @Test
    void userDefaultsToTheOsUserAndDatabaseToTheUser() {
        ConnectionSettings s = resolve("postgresql://somehost", Map.of()).orElseThrow();
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.database()).isEqualTo("alice");
        assertThat(s.hosts()).containsExactly(new HostPort("somehost", 5432));
    }

    @Test
    void pgpassSuppliesAMissingPasswordFirstMatchWins() throws IOException {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, """
                # comment
                otherhost:5432:*:app:wrong
                dbhost:5432:orders:app:right\\:one
                *:*:*:app:fallback
                """);
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertThat(resolve("postgresql://app@dbhost/orders", Map.of()).orElseThrow().password()).isEqualTo("right:one");
        assertThat(resolve("postgresql://app@elsewhere/x", Map.of()).orElseThrow().password()).isEqualTo("fallback");
        // an explicit password (URL or PGPASSWORD) is never replaced
        assertThat(resolve("postgresql://app:given@dbhost/orders", Map.of()).orElseThrow().password()).isEqualTo("given");
        assertThat(resolve("postgresql://app@dbhost/orders", Map.of("PGPASSWORD", "env")).orElseThrow().password()).isEqualTo("env");
    }

    @Test
    void pgpassFileFromPgpassfileVariable() throws IOException {
        Path file = home.resolve("custom-pass");
        Files.writeString(file, "*:*:*:*:from-custom\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(resolve(null, Map.of("PGHOST", "h", "PGPASSFILE", file.toString())).orElseThrow().password())
                .isEqualTo("from-custom");
    }

    @Test
    void worldReadablePgpassIsIgnoredWithAWarning() throws IOException {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "*:*:*:*:leaky\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(resolve("postgresql://app@h/db", Map.of()).orElseThrow().password()).isNull();
        assertThat(warnings).singleElement().asString().contains(".pgpass").contains("0600");
    }

    @Test
    void pgpassIsLookedUpInHomeAsLibpqDoesThenInJavasHome() throws IOException {
        Path shellHome = Files.createDirectories(home.resolve("shell-home"));
        Files.writeString(shellHome.resolve(".pgpass"), "*:*:*:*:from-home-variable\n");
        Files.setPosixFilePermissions(shellHome.resolve(".pgpass"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(home.resolve(".pgpass"), "*:*:*:*:from-user-home\n");
        Files.setPosixFilePermissions(home.resolve(".pgpass"), PosixFilePermissions.fromString("rw-------"));
        assertThat(resolve("postgresql://app@h/db", Map.of("HOME", shellHome.toString())).orElseThrow().password())
                .isEqualTo("from-home-variable");
        assertThat(resolve("postgresql://app@h/db", Map.of()).orElseThrow().password()).isEqualTo("from-user-home");
    }

    @Test
    void anEmptyUrlSettingIsAnErrorNotNothingConfigured() {
        for (Map.Entry<String, Map<String, String>> c : Map.of(
                "--url", Map.<String, String>of(),
                "DATABASE_URL", Map.of("DATABASE_URL", ""),
                "SCHEMATA_URL", Map.of("SCHEMATA_URL", " ", "DATABASE_URL", "postgresql://h/db")).entrySet()) {
            String explicit = c.getKey().equals("--url") ? "" : null;
            assertThatThrownBy(() -> resolve(explicit, c.getValue())).as(c.getKey()).isInstanceOf(SchemataException.class)
                    .hasMessageStartingWith(c.getKey() + " is set but empty")
                    .satisfies(e -> assertThat(((SchemataException) e).code()).isEqualTo(ErrorCode.BAD_CONFIG));
        }
    }

    @Test
    void anAmpersandInAPasswordParameterIsRefusedWithoutShowingWhatFollowsIt() {
        // "password=Xq4&cr=et9" is cut at the "&": pgjdbc ignored "cr" and it was shown with the URL; a name that
        // also occurs in a safe place ("appdb") was quoted although it came from the password.
        for (String url : new String[]{"jdbc:postgresql://127.0.0.1:5432/appdb?user=app&password=Xq4&cr=et9",
                "jdbc:postgresql://127.0.0.1:5432/appdb?user=app&password=Xq4&appdb=1",
                "postgresql://127.0.0.1/appdb?password=Xq4&appdb=1"}) {
            assertThatThrownBy(() -> resolve(url, Map.of())).as(url).isInstanceOfSatisfying(SchemataException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG);
                assertThat(e.getMessage()).contains("unknown connection parameter (not shown: it lies where a password could be)")
                        .contains("and in password= also & (%26)")
                        .doesNotContain("Xq4").doesNotContain("cr=").doesNotContain("et9").doesNotContain("\"appdb\"");
            });
        }
        // A misspelt property, which pgjdbc would ignore as silently, is named where it cannot be a password.
        assertThatThrownBy(() -> resolve("jdbc:postgresql://db.example.com/appdb?sslmdoe=require", Map.of()))
                .hasMessageContaining("unknown connection parameter \"sslmdoe\"");
        assertThat(resolve("jdbc:postgresql://db.example.com/appdb?sslmode=require&ApplicationName=x", Map.of())).isPresent();
    }

    @Test
    void aUrlThatDoesNotParseNeverShowsAnyPartOfWhatCouldBeItsPassword() {
        String[][] cases = {
                // password, fragments of it that must not appear
                {"AAAsecret/x", "AAAsecret"},
                {"p@ss:w/rd?x#y", "p@ss", "ss:w", "w/rd", "rd?x"},
                {"Kq7w/Zr8x?Lm4v#Tp9y@Hs3u:Jd5e%Wn", "Kq7w", "Zr8x", "Lm4v", "Tp9y", "Hs3u", "Jd5e"},
                {"1234/cdef", "1234", "cdef"},
                {"ab%zzqrs", "ab%zz", "zzqrs"},
                {"Gh5j?port=Xy9z", "Gh5j", "Xy9z"}};
        for (String[] c : cases) {
            for (String url : new String[]{"postgresql://app:" + c[0] + "@127.0.0.1:5432/appdb",
                    "postgres://app:" + c[0] + "@127.0.0.1/appdb?sslmode=require",
                    "jdbc:postgresql://127.0.0.1:5432/appdb?user=app&password=" + c[0] + "&bad",
                    "postgresql://127.0.0.1/appdb?password=" + c[0] + "&port=x"}) {
                try {
                    ConnectionSettings s = resolve(url, Map.of()).orElseThrow();
                    // A URL that parses must have read the whole password, not a piece of it.
                    assertThat(s.password()).as(url).isEqualTo(c[0]);
                } catch (SchemataException e) {
                    assertThat(e.code()).as(url).isEqualTo(ErrorCode.BAD_CONFIG);
                    assertThat(e.getMessage()).as(url).startsWith("--url: cannot read the database URL ");
                    for (int i = 0; i < c.length; i++) {
                        assertThat(e.getMessage()).as(url).doesNotContain(c[i]);
                    }
                }
            }
        }
        assertThatThrownBy(() -> resolve("postgresql://app:AAAsecret/x@127.0.0.1:5432/appdb", Map.of()))
                .hasMessageContaining("\"postgresql://***@127.0.0.1:5432/appdb\"")
                .hasMessageContaining("percent-encoded (%2F %3F %23 %40 %3A %25)");
    }

    @Test
    void aUrlErrorQuotesWhatCannotBeAPassword() {
        assertThatThrownBy(() -> resolve("postgresql://app@db.example:54x2/appdb", Map.of()))
                .hasMessageContaining("invalid port \"54x2\"").hasMessageNotContaining("percent-encoded");
        assertThatThrownBy(() -> resolve("postgresql://app:p@ss:w/rd?x#y@127.0.0.1:5432/appdb", Map.of()))
                .hasMessageContaining("invalid port (not shown: it lies where a password could be)");
        assertThatThrownBy(() -> resolve("postgresql://db.example/appdb?colour=blue", Map.of()))
                .hasMessageContaining("unknown connection parameter \"colour\"")
                .hasMessageNotContaining("percent-encoded");
    }

    @Test
    void badUrlsAreConfigurationErrors() {
        assertThatThrownBy(() -> resolve("mysql://x/y", Map.of())).isInstanceOf(SchemataException.class)
                .satisfies(e -> assertThat(((SchemataException) e).code()).isEqualTo(ErrorCode.BAD_CONFIG));
        assertThatThrownBy(() -> resolve("postgresql://u:pw123456@h:notaport/db", Map.of()))
                .hasMessageContaining("invalid port").hasMessageNotContaining("pw123456");
        assertThatThrownBy(() -> resolve("postgresql://h/db?bogus=1", Map.of()))
                .hasMessageContaining("unknown connection parameter \"bogus\"");
        assertThatThrownBy(() -> resolve("postgresql://%2Fvar%2Frun%2Fpostgresql/db", Map.of()))
                .hasMessageContaining("Unix-domain sockets are not supported");
    }

    @Test
    void passwordNeverInToStringOrMaskedUrl() {
        ConnectionSettings s = resolve("postgresql://u:TopSecret99@h/db?password=TopSecret99", Map.of()).orElseThrow();
        assertThat(s.toString()).doesNotContain("TopSecret99").contains("***");
        assertThat(s.maskedUrl()).doesNotContain("TopSecret99");
        assertThat(s.jdbcUrl()).doesNotContain("TopSecret99");
    }
}
