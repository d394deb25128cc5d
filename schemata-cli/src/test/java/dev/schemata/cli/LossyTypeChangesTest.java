package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A type change that can change or lose values ({@code numeric(12,2)} to {@code bigint} rounds,
 * {@code text} to {@code varchar(4)} would cut) deletes data: {@code plan} says how many stored values it
 * would change, {@code apply} refuses it unless {@code DELETES_DATA} is allowed (and forced on a protected
 * environment), and a value too long for the new type fails the apply instead of being cut.
 */
@ExtendWith(PostgresExtension.class)
class LossyTypeChangesTest {
    @TempDir
    Path project;

    private TestDatabase db;
    private String scratch;

    @BeforeEach
    void setUp(TestCluster cluster, TestDatabase db) throws IOException {
        this.db = db;
        this.scratch = cluster.settings("postgres").urlWithPassword();
        db.execute("""
                CREATE TABLE acct (id int PRIMARY KEY, balance numeric(12,2), sku text);
                INSERT INTO acct VALUES (1, 1234.56, 'LONG-SKU-001'), (2, 7.00, 'AB'), (3, NULL, NULL);
                """);
        Path toml = project.resolve("schemata.toml");
        Files.writeString(toml, "[environments.prod]\nurl = \"" + db.url() + "\"\nprotected = true\n"
                + "[environments.dev]\nurl = \"" + db.url() + "\"\n");
        Files.setPosixFilePermissions(toml, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(project.resolve("init.sql"), "CREATE TABLE acct (id int PRIMARY KEY, balance bigint, sku varchar(4));\n");
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(project).env("SCHEMATA_SCRATCH_URL", scratch).run(args);
    }

    private void assertUnchanged() {
        assertThat(db.query("SELECT id, balance::text AS balance, sku FROM acct ORDER BY id")).containsExactly(
                Map.of("id", 1, "balance", "1234.56", "sku", "LONG-SKU-001"),
                Map.of("id", 2, "balance", "7.00", "sku", "AB"),
                row3());
        assertThat(db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'acct'::regclass"
                + " AND attname = 'balance'")).isEqualTo("numeric(12,2)");
        assertThat(declarativeApplies()).isZero();
    }

    private long declarativeApplies() {
        return db.tables().contains("schema_migrations")
                ? (Long) db.value("SELECT count(*) FROM schema_migrations WHERE kind = 'declarative'") : 0L;
    }

    private static Map<String, Object> row3() {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("id", 3);
        row.put("balance", null);
        row.put("sku", null);
        return row;
    }

    @Test
    void planFlagsEachLossyChangeWithTheValuesItWouldChange() {
        CliRunner.Result plan = run("plan", "--env", "dev");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out())
                .contains("ALTER TABLE public.acct ALTER COLUMN balance TYPE bigint;")
                .contains("hazard DELETES_DATA: Converting public.acct.balance from numeric(12,2) to bigint can change or "
                        + "lose stored values: PostgreSQL converts it only with an assignment cast, which may round, cut or "
                        + "shift values. On the target, 1 of the 2 stored values would change or fail to convert.")
                // no USING that would cut 'LONG-SKU-001' to 'LONG': the limit is applied by assignment, which raises
                .contains("ALTER TABLE public.acct ALTER COLUMN sku TYPE character varying(4);")
                .contains("hazard DELETES_DATA: Converting public.acct.sku from text to character varying(4) can change "
                        + "or lose stored values: the new type limits length, precision or scale. On the target, 1 of the "
                        + "2 stored values would change or fail to convert.")
                .doesNotContain("USING");

        CliRunner.Result json = run("plan", "--env", "dev", "--json");
        assertThat(json.exitCode()).as(json.all()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) ((Map<String, Object>) Json.parse(json.out())).get("summary");
        assertThat((Map<String, Object>) summary.get("hazards")).containsEntry("DELETES_DATA", 2L);
        assertUnchanged();
    }

    @Test
    void applyRefusesLossyChangesUnlessDeletesDataIsAllowed() {
        CliRunner.Result refused = run("apply", "--env", "dev", "--allow-hazards", "TABLE_REWRITE,ACCESS_EXCLUSIVE_LOCK");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("not applying: 2 step(s) carry hazards that were not allowed")
                .contains("DELETES_DATA: Converting public.acct.balance from numeric(12,2) to bigint")
                .contains("1 of the 2 stored values would change or fail to convert")
                .contains("run again with --allow-hazards DELETES_DATA");
        assertUnchanged();
    }

    @Test
    void aProtectedEnvironmentAlsoNeedsForce() {
        CliRunner.Result refused = run("apply", "--env", "prod", "--allow-hazards",
                "DELETES_DATA,TABLE_REWRITE,ACCESS_EXCLUSIVE_LOCK");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
        assertThat(refused.err()).contains("is protected: apply with DELETES_DATA would change database \"" + db.name() + "\"");
        assertUnchanged();
    }

    @Test
    void aValueTooLongForTheNewTypeFailsTheApplyInsteadOfBeingCut() {
        CliRunner.Result failed = run("apply", "--env", "prod", "--allow-hazards",
                "DELETES_DATA,TABLE_REWRITE,ACCESS_EXCLUSIVE_LOCK", "--force", "--yes-i-mean-" + db.name());
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("value too long for type character varying(4)").contains("nothing was changed");
        assertUnchanged();
    }

    @Test
    void allowedAndFittingTheChangesAreApplied() {
        db.execute("UPDATE acct SET sku = 'LONG' WHERE id = 1");
        CliRunner.Result applied = run("apply", "--env", "dev", "--allow-hazards", "DELETES_DATA,TABLE_REWRITE,ACCESS_EXCLUSIVE_LOCK");
        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(db.query("SELECT id, balance, sku FROM acct WHERE id < 3 ORDER BY id")).containsExactly(
                Map.of("id", 1, "balance", 1235L, "sku", "LONG"), Map.of("id", 2, "balance", 7L, "sku", "AB"));
        assertThat(declarativeApplies()).isEqualTo(1L);
        assertThat(run("plan", "--env", "dev").out()).contains("nothing to do");
    }

    @Test
    void valuesThatDoNotConvertAreCountedToo() throws IOException {
        db.execute("""
                CREATE TABLE codes (code text);
                INSERT INTO codes VALUES ('007'), ('12'), ('x1'), (NULL);
                """);
        Files.writeString(project.resolve("init.sql"), "CREATE TABLE acct (id int PRIMARY KEY, balance numeric(12,2), sku text);\n"
                + "CREATE TABLE codes (code integer);\n");
        CliRunner.Result plan = run("plan", "--env", "dev");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("ALTER TABLE public.codes ALTER COLUMN code TYPE integer USING code::integer;")
                .contains("Converting public.codes.code from text to integer can change or lose stored values: values are "
                        + "parsed from text, which may rewrite or reject them. On the target, 2 of the 3 stored values "
                        + "would change or fail to convert.");
        assertThat(db.query("SELECT code FROM codes WHERE code IS NOT NULL ORDER BY code"))
                .extracting(r -> r.get("code")).isEqualTo(List.of("007", "12", "x1"));
    }
}
