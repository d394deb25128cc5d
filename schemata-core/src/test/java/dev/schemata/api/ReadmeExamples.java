package dev.schemata.api;

import dev.schemata.LintMode;
import dev.schemata.PlanResult;
import dev.schemata.Schemata;
import dev.schemata.SchemataEvent;
import dev.schemata.backup.TakenBackup;
import dev.schemata.diff.HazardKind;
import dev.schemata.lint.LintReport;
import dev.schemata.migrate.MigrateResult;

import java.nio.file.Path;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The examples of the README and of {@link Schemata}'s Javadoc, compiled and run by {@link ReadmeExamplesTest},
 * which also checks that the documents quote them exactly (the text between the {@code tag::} and
 * {@code end::} comments).
 */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    static MigrateResult migrateAtStartUp(DataSource dataSource, Consumer<String> log) {
        // tag::migrate[]
        MigrateResult result = Schemata.configure()
                .dataSource(dataSource)                 // or .url("postgresql://app@db/orders")
                .locations("classpath:db/migration")    // the default
                .lint(LintMode.ERROR)                   // error-level findings stop the run before any change
                .eventListener(event -> {
                    if (event instanceof SchemataEvent.Progress progress) {
                        log.accept(progress.message());
                    }
                })
                .load()
                .migrate();
        // end::migrate[]
        return result;
    }

    static PlanResult declarative(String url, Path schemaFile, String scratchUrl) {
        // tag::declarative[]
        Schemata schemata = Schemata.configure()
                .url(url)
                .schemaFile(schemaFile)                 // the desired schema, e.g. init.sql
                .scratchUrl(scratchUrl)                 // optional: else Schemata starts its own scratch server
                .load();
        PlanResult plan = schemata.plan();
        if (!plan.inSync()) {
            schemata.apply(HazardKind.INDEX_BUILD);     // steps with other hazards are refused
        }
        // end::declarative[]
        return plan;
    }

    static LintReport lintAndBackUp(String url, Path migrations, Path backups) {
        // tag::lint-backup[]
        LintReport report = Schemata.configure()       // no database: every migration, statically
                .locations(migrations)
                .load()
                .lint();
        TakenBackup backup = Schemata.configure()
                .url(url)                               // pg_dump needs a URL, not a DataSource
                .load()
                .backup(backups);                       // verified by a restore into a throwaway database
        // end::lint-backup[]
        return backup.manifest().verifiedAt() == null ? null : report;
    }
}
