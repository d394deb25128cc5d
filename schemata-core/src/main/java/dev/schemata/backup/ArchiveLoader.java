package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Redactor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Loads a backup file into an (empty) database: a custom archive with pg_restore, gzip-compressed plain SQL
 * with psql. Both run in a single transaction and stop at the first error, so a failed load leaves the
 * database empty rather than half-restored.
 */
final class ArchiveLoader {
    private ArchiveLoader() {
    }

    static void load(Path file, BackupFormat format, ConnectionSettings target, ClientLocator locator, int minMajor) {
        String purpose = "restoring " + file.getFileName();
        ClientRunner.Result r;
        if (format == BackupFormat.CUSTOM) {
            ClientProgram pgRestore = locator.locate("pg_restore", minMajor, purpose);
            r = ClientRunner.run(List.of(pgRestore.path().toString(), "--exit-on-error", "--single-transaction",
                    "--no-password", "--dbname=" + target.database(), file.toString()),
                    ClientRunner.libpqEnvironment(target), null, OutputStream.nullOutputStream());
        } else {
            ClientProgram psql = locator.locate("psql", minMajor, purpose);
            try (InputStream sql = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                r = ClientRunner.run(List.of(psql.path().toString(), "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1",
                        "--single-transaction", "-f", "-"), ClientRunner.libpqEnvironment(target), sql, OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + file + " as gzip-compressed SQL: " + e.getMessage(), e);
            }
        }
        if (r.exitCode() != 0) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "restoring " + file.getFileName() + " into "
                    + target.maskedUrl() + " failed (nothing of it was kept):\n" + Redactor.maskUrls(r.stderr().strip()));
        }
    }
}
