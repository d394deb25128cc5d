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
