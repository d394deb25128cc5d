package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.ClientRunner;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Redactor;
import dev.schemata.migrate.BackupRestorer;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Restores a custom-format backup ({@code pg_dump -Fc}) with {@code pg_restore --clean --if-exists --no-owner
 * --single-transaction}: every object the backup holds is dropped and recreated with its data, in one
 * transaction, so a failed restore changes nothing. Objects created after the backup are not in it and
 * are left as they are. pg_restore runs as every client program does ({@link ClientRunner}): the password in
 * {@code PGPASSWORD}, never on the command line, and stopped with Schemata, so that a killed rollback never
 * finishes its restore behind the back of the history.
 */
final class PgRestore implements BackupRestorer {
    private static final int OUTPUT_LINES = 20;

    private final Path program;

    PgRestore(Path program) {
        this.program = program;
    }

    @Override
    public void restore(Path backupFile, ConnectionSettings target) {
        ClientRunner.Result r = ClientRunner.run(List.of(program.toString(), "--clean", "--if-exists", "--no-owner",
                "--single-transaction", "--exit-on-error", "--no-password", "--dbname=" + target.database(),
                backupFile.toString()), ClientRunner.libpqEnvironment(target), null, OutputStream.nullOutputStream());
        if (r.exitCode() != 0) {
            List<String> lines = Redactor.maskUrls(r.stderr()).lines().toList();
            String tail = String.join("\n  ", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "pg_restore of " + backupFile + " into "
                    + target.maskedUrl() + " failed (exit " + r.exitCode() + "); it ran in one transaction, so nothing was"
                    + " restored:\n  " + tail);
        }
    }
}
