package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.BackupFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtectionTest {
    private static EnvironmentConfig env(boolean isProtected) {
        return new EnvironmentConfig("prod", Path.of("/p/schemata.toml"), "postgresql://db/orders", null, null, null,
                isProtected, new BackupSettings(Path.of("/b"), BackupFormat.CUSTOM, false, null, null), LintSettings.none(), RequiredObjects.none());
    }

    @Test
    void aProtectedEnvironmentNeedsForceAndTheRightName() {
        assertThatThrownBy(() -> Protection.check(env(true), "reset", "orders", Consent.none()))
                .hasMessageContaining("environment \"prod\" is protected: reset would change database \"orders\". Nothing was changed.")
                .hasMessageContaining("--force").hasMessageContaining("--yes-i-mean-orders")
                .extracting(e -> ((SchemataException) e).code()).isEqualTo(ErrorCode.BAD_USAGE);
        assertThatThrownBy(() -> Protection.check(env(true), "reset", "orders", new Consent(true, null)))
                .hasMessageContaining("--force needs the database name confirmed: without a terminal add --yes-i-mean-orders");
        assertThatThrownBy(() -> Protection.check(env(true), "reset", "orders", new Consent(true, "order")))
                .hasMessageContaining("but \"order\" was confirmed");
        assertThatThrownBy(() -> Protection.check(env(true), "reset", "orders", new Consent(false, "orders")))
                .hasMessageContaining("add --force");
        assertThatCode(() -> Protection.check(env(true), "reset", "orders", new Consent(true, "orders"))).doesNotThrowAnyException();
    }

    @Test
    void unprotectedEnvironmentsAndNoEnvironmentAllowIt() {
        assertThatCode(() -> Protection.check(env(false), "reset", "orders", Consent.none())).doesNotThrowAnyException();
        assertThatCode(() -> Protection.check(null, "reset", "orders", Consent.none())).doesNotThrowAnyException();
    }
}
