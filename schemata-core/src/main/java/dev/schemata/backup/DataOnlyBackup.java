package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.history.HistoryTable;
import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.SqlSyntaxException;
import dev.schemata.sql.Statement;
import dev.schemata.sql.Token;
import dev.schemata.sql.TokenType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A {@code backup --data-only} file turned into a {@link DataExport}, so that it loads through the same
 * {@link DataLoad} as what {@code reset --keep-data} kept: checked per table, committed only when complete.
 * The backup's SQL (pg_restore's script of a custom archive, or the gzip-compressed plain dump) is read
 * with the migration lexer; each {@code COPY ... FROM stdin} block becomes one data file, each
 * {@code setval} a sequence position. Its rows are checked against the manifest's counts; names are
 * resolved by the server ({@code parse_ident}), exactly as it reads them.
 */
public final class DataOnlyBackup {
    private DataOnlyBackup() {
    }

    /**
     * Unpacks into a new owner-only temporary directory, deleted when the result is closed.
     *
     * @param c       a connection to the server, for reading names as it does
     * @param exclude tables ({@code schema.name}, unquoted) left out: the history table and its side tables,
     *                which describe the database the backup was taken from
     * @return the export, and the tables left out that held rows
     */
    public static Unpacked unpack(Path file, Connection c, ClientLocator locator, Set<String> exclude) {
        BackupManifest m = BackupManifest.read(file);
        if (m.content() != BackupContent.DATA_ONLY) {
            throw new SchemataException(ErrorCode.BAD_USAGE, file.getFileName() + " is a " + m.content().label()
                    + " backup; load-data reads --data-only backups (restore a full backup with `schemata restore`)");
        }
        String sha = BackupFiles.sha256(file);
        if (!sha.equals(m.sha256())) {
            throw new SchemataException(ErrorCode.BAD_INPUT, file + " does not match its manifest (SHA-256 " + sha
                    + ", recorded " + m.sha256() + "): it was changed or is damaged; nothing was loaded");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("schemata-load-", java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            Path script = dir.resolve("backup.sql");
            if (m.format() == BackupFormat.CUSTOM) {
                ClientProgram pgRestore = locator.locate("pg_restore", Backups.major(m.pgDumpVersion()), "reading " + file.getFileName());
                ClientRunner.Result r;
                try (OutputStream out = Files.newOutputStream(script)) {
                    r = ClientRunner.run(List.of(pgRestore.path().toString(), "--data-only", "--file=-", file.toString()),
                            Map.of(), null, out);
                }
                if (r.exitCode() != 0) {
                    throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + file + " with " + pgRestore + ": " + r.stderr().strip());
                }
            } else {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                    Files.copy(in, script);
                }
            }
            try (Reader reader = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
                return read(new SqlScanner(reader, file.getFileName().toString()), dir, c, m, exclude);
            } finally {
                Files.deleteIfExists(script);
            }
        } catch (IOException | SqlSyntaxException e) {
            DatabaseReset.deleteTree(dir);
            throw new SchemataException(ErrorCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            DatabaseReset.deleteTree(dir);
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "reading " + file + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            DatabaseReset.deleteTree(dir);
            throw e;
        }
    }

    /** The export, and the tables left out (unquoted {@code schema.name}) with their rows; closing deletes its files. */
    public record Unpacked(DataExport export, Map<String, Long> excluded) implements AutoCloseable {
        @Override
        public void close() {
            DatabaseReset.deleteTree(export.dir());
        }
    }

    private static Unpacked read(SqlScanner scanner, Path dir, Connection c, BackupManifest m, Set<String> exclude)
            throws IOException, SQLException {
        List<DataExport.Table> tables = new ArrayList<>();
        Map<String, Long> sequences = new LinkedHashMap<>();
        Map<String, Long> excluded = new LinkedHashMap<>();
        int n = 0;
        for (Statement st = scanner.next(); st != null; st = scanner.next()) {
            List<Token> tokens = st.codeTokens();
            if (tokens.isEmpty()) {
                continue;
            }
            if (st.copyData() != null) {
                Copy copy = copy(c, tokens, st);
                long rows = st.copyData().lines().count();
                Long expected = m.rowCounts().get(copy.quoted());
                if (expected != null && expected != rows) {
                    throw new SchemataException(ErrorCode.BAD_INPUT, "the backup holds " + rows + " rows of " + copy.quoted()
                            + ", its manifest " + expected + ": it is damaged; nothing was loaded");
                }
                if (exclude.contains(copy.schema() + "." + copy.name())) {
                    excluded.put(copy.schema() + "." + copy.name(), rows);
                    continue;
                }
                String name = String.format("%04d.copy", ++n);
                Files.writeString(dir.resolve(name), st.copyData(), StandardCharsets.UTF_8);
                tables.add(new DataExport.Table(copy.schema(), copy.name(), copy.columns(), rows, name));
            } else if (isCall(tokens, "setval")) {
                // SELECT pg_catalog.setval('schema.seq', 42, true); false: never used, so it keeps its start
                List<Token> args = tokens.stream().filter(t -> t.type() == TokenType.STRING || t.type() == TokenType.NUMBER
                        || t.isKeyword("true") || t.isKeyword("false")).toList();
                if (args.size() == 3 && args.get(2).isKeyword("true")) {
                    String seq = args.get(0).text();
                    sequences.put(seq.substring(1, seq.length() - 1).replace("''", "'"), Long.parseLong(args.get(1).text()));
                }
            } else if (isCall(tokens, "lo_create") || isCall(tokens, "lo_open")) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "the backup holds large objects, which load-data does not load;"
                        + " load it with pg_restore --data-only instead; nothing was loaded");
            }
        }
        return new Unpacked(new DataExport(dir, tables, sequences), excluded);
    }

    /** {@code COPY schema.table (a, b) FROM stdin}: the names as the server reads them. */
    private record Copy(String schema, String name, List<String> columns, String quoted) {
    }

    private static Copy copy(Connection c, List<Token> tokens, Statement st) throws SQLException {
        int open = -1;
        int from = -1;
        for (int i = 0; i < tokens.size() && from < 0; i++) {
            if (tokens.get(i).isSymbol("(") && open < 0) {
                open = i;
            } else if (tokens.get(i).isKeyword("FROM")) {
                from = i;
            }
        }
        int end = open >= 0 ? open : from;
        if (!tokens.get(0).isKeyword("COPY") || end < 2) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "line " + st.line() + ": unexpected COPY statement: " + st.sql());
        }
        StringBuilder table = new StringBuilder();
        tokens.subList(1, end).forEach(t -> table.append(t.text()));
        List<String> columns = new ArrayList<>();
        for (int i = open + 1; open >= 0 && i < tokens.size() && !tokens.get(i).isSymbol(")"); i++) {
            if (!tokens.get(i).isSymbol(",")) {
                columns.add(tokens.get(i).text());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.parse_ident(?), ARRAY(SELECT (pg_catalog.parse_ident(x))[1]"
                + " FROM unnest(?::text[]) WITH ORDINALITY u(x, i) ORDER BY i)")) {
            ps.setString(1, table.toString());
            ps.setArray(2, c.createArrayOf("text", columns.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<String> name = strings(rs.getArray(1));
                List<String> cols = strings(rs.getArray(2));
                String schema = name.size() > 1 ? name.get(name.size() - 2) : "public";
                String relation = name.get(name.size() - 1);
                return new Copy(schema, relation, cols, quotedName(c, schema, relation));
            }
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "line " + st.line() + ": cannot read the names in " + st.sql()
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    /** As the manifest names tables: {@code format('%I.%I')}. */
    private static String quotedName(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.format('%I.%I', ?, ?)")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static boolean isCall(List<Token> tokens, String function) {
        return tokens.get(0).isKeyword("SELECT") && tokens.stream().anyMatch(t -> t.isKeyword(function));
    }
}
