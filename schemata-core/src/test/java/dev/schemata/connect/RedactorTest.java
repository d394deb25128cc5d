package dev.schemata.connect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    @Test
    void masksPasswordsInUrlsOfAnyKind() {
        assertThat(Redactor.maskUrls("cannot reach postgresql://app:hunter22@db:5432/x now"))
                .isEqualTo("cannot reach postgresql://app:***@db:5432/x now");
        assertThat(Redactor.maskUrls("jdbc:postgresql://db/x?user=app&password=hunter22&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=app&password=***&ssl=true");
        assertThat(Redactor.maskUrls("postgres://app:@db/x")).isEqualTo("postgres://app:***@db/x");
    }

    @Test
    void masksAPasswordWrittenWithUnencodedUrlCharacters() {
        assertThat(Redactor.maskUrls("at postgresql://app:AAAsecret/x@127.0.0.1:5432/appdb now"))
                .isEqualTo("at postgresql://app:***@127.0.0.1:5432/appdb now");
        assertThat(Redactor.maskUrls("postgresql://app:p@ss:w/rd?x#y@127.0.0.1:5432/appdb"))
                .isEqualTo("postgresql://app:***@127.0.0.1:5432/appdb");
        assertThat(Redactor.maskUrls("select dblink_connect('host=h password=s3cret dbname=d')"))
                .isEqualTo("select dblink_connect('host=h password=*** dbname=d')");
        assertThat(Redactor.maskUrls("dblink_connect('password=s3cret')")).isEqualTo("dblink_connect('password=***')");
    }

    @Test
    void masksPasswordLiteralsInSqlText() {
        assertThat(Redactor.maskSql("alter role devapp password 'DevPw-1'")).isEqualTo("alter role devapp password '***'");
        assertThat(Redactor.maskSql("CREATE ROLE a LOGIN ENCRYPTED PASSWORD 'it''s' VALID UNTIL 'infinity'"))
                .isEqualTo("CREATE ROLE a LOGIN ENCRYPTED PASSWORD '***' VALID UNTIL 'infinity'");
        assertThat(Redactor.maskSql("CREATE ROLE a PASSWORD E'x\\'y' LOGIN")).isEqualTo("CREATE ROLE a PASSWORD '***' LOGIN");
        assertThat(Redactor.maskSql("CREATE ROLE a PASSWORD $pw$x'y$pw$ LOGIN")).isEqualTo("CREATE ROLE a PASSWORD '***' LOGIN");
        assertThat(Redactor.maskSql("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'remote', password 'Fdw-2')"))
                .isEqualTo("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'remote', password '***')");
        assertThat(Redactor.maskSql("ALTER USER MAPPING FOR app SERVER s OPTIONS (SET password 'Fdw-3')"))
                .isEqualTo("ALTER USER MAPPING FOR app SERVER s OPTIONS (SET password '***')");
        assertThat(Redactor.maskSql("CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (sslpassword 'Key-4')"))
                .isEqualTo("CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (sslpassword '***')");
        // the server cuts long statements short: a literal without its end is masked to the end
        assertThat(Redactor.maskSql("ALTER ROLE a PASSWORD 'cut-sho")).isEqualTo("ALTER ROLE a PASSWORD '***'");
        // the same in JSON text, where a line break is \n
        assertThat(Redactor.maskSql("\"ALTER ROLE a\\nPASSWORD\\n'Json-5'\"")).isEqualTo("\"ALTER ROLE a\\nPASSWORD\\n'***'\"");
        // no literal, nothing to mask
        for (String plain : new String[]{"ALTER ROLE a PASSWORD NULL", "SELECT password FROM users WHERE id = $1",
                "UPDATE users SET password = $1"}) {
            assertThat(Redactor.maskSql(plain)).isEqualTo(plain);
        }
    }

    @Test
    void theRedactorLeavesSqlScriptsRunnableButMasksUrlsAndKnownSecrets() {
        Redactor r = new Redactor(List.of("Known-Secret"));
        assertThat(r.redact("ALTER ROLE a PASSWORD 'Literal-1'; -- postgresql://u:Url-2@h/d Known-Secret"))
                .isEqualTo("ALTER ROLE a PASSWORD 'Literal-1'; -- postgresql://u:***@h/d ***");
    }

    @Test
    void leavesTextWithoutSecretsAlone() {
        String text = "table users: 3 rows, see https://example.com/docs and a:b@c? no";
        assertThat(Redactor.maskUrls(text)).isEqualTo(text);
    }

    @Test
    void masksKnownSecretsAnywhere() {
        Redactor r = new Redactor(List.of("s3cr3t-value"));
        assertThat(r.redact("server said: s3cr3t-value is wrong")).isEqualTo("server said: *** is wrong");
    }
}
