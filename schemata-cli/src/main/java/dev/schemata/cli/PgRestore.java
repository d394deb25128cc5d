package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.HostPort;
import dev.schemata.migrate.BackupRestorer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Restores a custom-format backup ({@code pg_dump -Fc}) with {@code pg_restore --clean --if-exists --no-owner
 * --single-transaction}: every object the backup holds is dropped and recreated with its data, in one
 * transaction, so a failed restore changes nothing. Objects created after the backup are not in it and
 * are left as they are. The password goes through {@code PGPASSWORD}, never on the command line.
 */
final class PgRestore implements BackupRestorer {
    private static final int OUTPUT_LINES = 20;

    private final Path program;

    PgRestore(Path program) {
        this.program = program;
    }

    Path program() {
        return program;
    }

    @Override
    public void restore(Path backupFile, ConnectionSettings target) {
        List<String> command = List.of(program.toString(), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                "--exit-on-error", "--dbname", conninfo(target), backupFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (target.password() != null) {
            builder.environment().put("PGPASSWORD", target.password());
        }
        builder.environment().remove("PGSERVICE");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = process.waitFor();
            if (exit != 0) {
                List<String> lines = output.lines().toList();
                String tail = String.join("\n  ", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "pg_restore of " + backupFile + " into "
                        + target.maskedUrl() + " failed (exit " + exit + "); it ran in one transaction, so nothing was"
                        + " restored:\n  " + tail);
            }
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot run " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "interrupted while restoring " + backupFile, e);
        }
    }

    /** A libpq URL without the password: hosts, database, user, and the TLS settings libpq knows by the same name. */
    static String conninfo(ConnectionSettings target) {
        StringBuilder url = new StringBuilder("postgresql://").append(encode(target.user())).append('@')
                .append(target.hosts().stream().map(HostPort::toString).collect(Collectors.joining(",")))
                .append('/').append(encode(target.database()));
        String sep = "?";
        for (String name : List.of("sslmode", "sslrootcert", "sslcert", "sslkey")) {
            String value = target.parameters().get(name);
            if (value != null) {
                url.append(sep).append(name).append('=').append(encode(value));
                sep = "&";
            }
        }
        return url.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
