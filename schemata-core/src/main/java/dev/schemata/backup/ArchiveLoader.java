package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Redactor;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Loads a backup file into an (empty) database: a custom archive with pg_restore, plain SQL (gzip-compressed
 * or not) with psql. Both run in a single transaction and stop at the first error, so a failed load leaves
 * the database empty rather than half-restored.
 */
final class ArchiveLoader {
    /** A line of {@code pg_restore --list}: {@code 215; 1259 16386 TABLE public customers postgres}. */
    private static final Pattern TOC_LINE = Pattern.compile("^\\d+; \\d+ \\d+ (.+)$");
    private static final Pattern GRANTEE = Pattern.compile("^(?:GRANT .* TO|REVOKE .* FROM) (.+?)(?: WITH GRANT OPTION)?;$");

    /**
     * How to load.
     *
     * @param noOwner        leave out the owners the backup sets (everything belongs to the loading user)
     * @param noPrivileges   leave out the backup's grants and revokes
     * @param skipExtensions extensions not to create (custom archives only)
     */
    record Options(boolean noOwner, boolean noPrivileges, Set<String> skipExtensions) {
        static final Options AS_WRITTEN = new Options(false, false, Set.of());

        Options {
            skipExtensions = Set.copyOf(skipExtensions);
        }
    }

    /** Whom a custom archive's objects belong to and whom its grants name. */
    record Contents(Set<String> owners, Set<String> grantees) {
    }

    private ArchiveLoader() {
    }

    static void load(Path file, BackupFormat format, ConnectionSettings target, ClientLocator locator, int minMajor,
                     Options options) {
        String purpose = "restoring " + file.getFileName();
        ClientRunner.Result r;
        if (format == BackupFormat.CUSTOM) {
            ClientProgram pgRestore = locator.locate("pg_restore", minMajor, purpose);
            List<String> command = new ArrayList<>(List.of(pgRestore.path().toString(), "--exit-on-error",
                    "--single-transaction", "--no-password", "--dbname=" + target.database()));
            if (options.noOwner()) {
                command.add("--no-owner");
            }
            if (options.noPrivileges()) {
                command.add("--no-privileges");
            }
            Path list = null;
            try {
                if (!options.skipExtensions().isEmpty()) {
                    list = Files.createTempFile("schemata-restore-", ".list", BackupFiles.OWNER_ONLY);
                    Files.write(list, withoutExtensions(toc(pgRestore, file), options.skipExtensions()));
                    command.add("--use-list=" + list);
                }
                command.add(file.toString());
                r = ClientRunner.run(command, ClientRunner.libpqEnvironment(target), null, OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, purpose + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(list);
            }
        } else {
            check(file, format, options);
            ClientProgram psql = locator.locate("psql", minMajor, purpose);
            try (InputStream sql = withoutExtensions(plainSql(file), options.skipExtensions())) {
                r = ClientRunner.run(List.of(psql.path().toString(), "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1",
                        "--single-transaction", "-f", "-"), ClientRunner.libpqEnvironment(target), sql, OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + file + " as SQL: " + e.getMessage(), e);
            }
        }
        if (r.exitCode() != 0) {
            String stderr = Redactor.maskUrls(r.stderr().strip());
            String hint = !stderr.contains("must be member of role") && !stderr.contains("must be owner of") ? ""
                    : format == BackupFormat.CUSTOM ? "\nThe backup sets owners this user cannot take: restore with --no-owner"
                    + " (and --no-privileges)." : "\nThe SQL sets owners this user cannot take: restore it as a user that can"
                    + " (a superuser), or restore a custom-format backup with --no-owner.";
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "restoring " + file.getFileName() + " into "
                    + target.maskedUrl() + " failed (nothing of it was kept):\n" + stderr + hint);
        }
    }

    /** Refuses what a format cannot do, before anything is created for the load. */
    static void check(Path file, BackupFormat format, Options options) {
        if (format == BackupFormat.PLAIN && (options.noOwner() || options.noPrivileges())) {
            throw new SchemataException(ErrorCode.BAD_USAGE, file.getFileName() + " is plain SQL, which psql runs as"
                    + " written: leaving out its owners or grants needs a custom-format backup (pg_dump -Fc,"
                    + " schemata backup --format custom)");
        }
    }

    /** Plain SQL, uncompressed or gzip-compressed (told by its first bytes, not its name). */
    static InputStream plainSql(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /**
     * Plain SQL as pg_dump writes it without the statements that create the named extensions or comment on
     * them (single lines, outside COPY data). Bytes pass through unchanged, whatever the dump's encoding.
     */
    static InputStream withoutExtensions(InputStream sql, Set<String> extensions) {
        if (extensions.isEmpty()) {
            return sql;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(sql, StandardCharsets.ISO_8859_1), 1 << 16);
        return new InputStream() {
            private byte[] line = new byte[0];
            private int pos;
            private boolean inCopy;
            private boolean inComment;

            @Override
            public int read() throws IOException {
                return fill() ? line[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, line.length - pos);
                System.arraycopy(line, pos, b, off, n);
                pos += n;
                return n;
            }

            private boolean fill() throws IOException {
                while (pos >= line.length) {
                    String next = in.readLine();
                    if (next == null) {
                        return false;
                    }
                    if (keep(next)) {
                        line = (next + "\n").getBytes(StandardCharsets.ISO_8859_1);
                        pos = 0;
                    }
                }
                return true;
            }

            private boolean keep(String l) {
                if (inCopy) {
                    inCopy = !l.equals("\\.");
                    return true;
                }
                if (inComment) {
                    inComment = !l.endsWith("';");
                    return false;
                }
                if (l.startsWith("COPY ") && l.endsWith(" FROM stdin;")) {
                    inCopy = true;
                    return true;
                }
                for (String name : extensions) {
                    for (String id : List.of(name, "\"" + name.replace("\"", "\"\"") + "\"")) {
                        if (l.startsWith("CREATE EXTENSION IF NOT EXISTS " + id + " WITH SCHEMA ") && l.endsWith(";")) {
                            return false;
                        }
                        if (l.startsWith("COMMENT ON EXTENSION " + id + " IS '")) {
                            inComment = !l.endsWith("';");
                            return false;
                        }
                    }
                }
                return true;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Owners and grantees of a custom archive, read with pg_restore without touching a database. */
    static Contents contents(Path file, ClientLocator locator, int minMajor) {
        ClientProgram pgRestore = locator.locate("pg_restore", minMajor, "reading " + file.getFileName());
        Set<String> owners = new LinkedHashSet<>();
        List<String> aclEntries = new ArrayList<>();
        for (String line : toc(pgRestore, file)) {
            Matcher m = TOC_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).startsWith("ACL ")) {
                aclEntries.add(line);
            }
            // The owner is the last word; entries without one (extensions, their comments) end with a space.
            String owner = m.group(1).substring(m.group(1).lastIndexOf(' ') + 1);
            if (!owner.isEmpty() && !owner.equals("-")) {
                owners.add(owner);
            }
        }
        Set<String> grantees = new LinkedHashSet<>();
        if (!aclEntries.isEmpty()) {
            Path list = null;
            try {
                list = Files.createTempFile("schemata-acl-", ".list", BackupFiles.OWNER_ONLY);
                Files.write(list, aclEntries);
                ClientRunner.Result r = ClientRunner.run(List.of(pgRestore.path().toString(), "--use-list=" + list, "-f", "-",
                        file.toString()), java.util.Map.of(), null, null);
                for (String line : r.stdoutText().lines().toList()) {
                    Matcher g = GRANTEE.matcher(line);
                    if (g.matches()) {
                        for (String role : g.group(1).split(",")) {
                            String name = role.strip();
                            if (!name.equals("PUBLIC")) {
                                grantees.add(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "reading " + file.getFileName() + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(list);
            }
        }
        return new Contents(owners, grantees);
    }

    private static List<String> toc(ClientProgram pgRestore, Path file) {
        ClientRunner.Result r = ClientRunner.run(List.of(pgRestore.path().toString(), "--list", file.toString()),
                java.util.Map.of(), null, null);
        if (r.exitCode() != 0) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "pg_restore cannot read " + file + ": " + r.stderr().strip());
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(r.stdout()), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    /** The table of contents without the named extensions and their comments. */
    private static List<String> withoutExtensions(List<String> toc, Set<String> extensions) {
        return toc.stream().filter(line -> {
            Matcher m = TOC_LINE.matcher(line);
            if (!m.matches()) {
                return true;
            }
            String[] parts = m.group(1).split(" ");
            boolean extension = m.group(1).startsWith("EXTENSION ") && extensions.contains(parts[2]);
            boolean comment = m.group(1).startsWith("COMMENT - EXTENSION ") && extensions.contains(parts[3]);
            return !extension && !comment;
        }).toList();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary list file; the system's temp cleaning takes it
            }
        }
    }
}
