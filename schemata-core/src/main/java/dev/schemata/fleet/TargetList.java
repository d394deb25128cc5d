package dev.schemata.fleet;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.config.TomlDocument;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads a fleet's targets. A target without a URL of its own is a schema in the base database (the one
 * {@code --url} or the environment names). Every list is checked whole before anything runs: a target
 * given twice, two targets with one name, an unknown key or an empty list is an error naming the file and line.
 *
 * <p>Formats: a {@code .json} file ({@code [{"name", "url", "schema", "labels": {…}}]}, or that array under
 * {@code "targets"}); a {@code .toml} file (one {@code [targets.NAME]} table each, with {@code url},
 * {@code schema} and a {@code labels} table); anything else is one target a line: a URL (a database), a
 * schema name (a schema in the base database), or a URL and a schema, with {@code #} comments.
 */
public final class TargetList {
    private static final Set<String> KEYS = Set.of("name", "url", "schema", "labels");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[^\\s/:@?#\"]{1,63}");

    /** Turns a URL into settings (with the usual rules for passwords and PG* variables); the text says where it came from. */
    private final BiFunction<String, String, ConnectionSettings> urls;
    private final ConnectionSettings base;

    /**
     * @param urls reads a URL; its second argument says where the URL was written
     * @param base the database of targets that give no URL; null when there is none configured
     */
    public TargetList(BiFunction<String, String, ConnectionSettings> urls, ConnectionSettings base) {
        this.urls = urls;
        this.base = base;
    }

    public List<Target> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "target list " + file + " does not exist");
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "cannot read the target list " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Target> targets;
        if (name.endsWith(".json")) {
            targets = json(file.toString(), text);
        } else if (name.endsWith(".toml")) {
            targets = toml(file.toString(), text);
        } else {
            targets = lines(file.toString(), text);
        }
        return checked(targets, file.toString());
    }

    /**
     * The targets a query on the control database returns: a column {@code url} gives a database, a column
     * {@code schema} (or {@code schema_name}, or the only column) a schema, {@code name} (or {@code tenant})
     * the name; any other column becomes a label.
     */
    public List<Target> query(ConnectionFactory control, String sql) {
        String where = "--targets-query";
        List<Target> targets = new ArrayList<>();
        try (Connection c = control.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            boolean hasUrl = names.contains("url");
            String schemaColumn = names.contains("schema") ? "schema" : names.contains("schema_name") ? "schema_name"
                    : columns == 1 && !hasUrl ? names.get(0) : null;
            if (!hasUrl && schemaColumn == null) {
                throw new SchemataException(ErrorCode.BAD_USAGE, where + " returns the columns " + names
                        + ": it needs a column url (databases) or schema (tenant schemas), or a single column of schema names");
            }
            int row = 0;
            while (rs.next()) {
                row++;
                Map<String, Object> values = new LinkedHashMap<>();
                Map<String, String> labels = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    String column = names.get(i - 1);
                    String value = rs.getString(i);
                    if (column.equals("url")) {
                        values.put("url", value);
                    } else if (column.equals(schemaColumn)) {
                        values.put("schema", value);
                    } else if (column.equals("name") || column.equals("tenant")) {
                        values.put("name", value);
                    } else if (value != null) {
                        labels.put(column, value);
                    }
                }
                values.put("labels", labels);
                targets.add(target(values, where + " row " + row));
            }
        } catch (SQLException e) {
            throw new SchemataException(dev.schemata.connect.Database.isConnectionFailure(e) ? ErrorCode.CONNECTION_FAILED
                    : ErrorCode.BAD_USAGE, where + " failed on " + control.describe() + ": " + e.getMessage(), e);
        }
        return checked(targets, where);
    }

    private List<Target> lines(String file, String text) {
        List<Target> targets = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf(" #");
            line = (line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = file + ":" + (i + 1);
            if (parts.length > 2) {
                throw new SchemataException(ErrorCode.BAD_USAGE, where + ": expected a URL, a schema name, or a URL and a"
                        + " schema name; found " + parts.length + " words");
            }
            Map<String, Object> values = new HashMap<>();
            if (parts.length == 2) {
                values.put("url", parts[0]);
                values.put("schema", parts[1]);
            } else if (parts[0].contains("://") || parts[0].startsWith("jdbc:")) {
                values.put("url", parts[0]);
            } else {
                values.put("schema", parts[0]);
            }
            targets.add(target(values, where));
        }
        return targets;
    }

    private List<Target> json(String file, String text) {
        Object document;
        try {
            document = Json.parse(text);
        } catch (Json.ParseException e) {
            throw new SchemataException(ErrorCode.BAD_USAGE, file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (document instanceof Map<?, ?> map && map.containsKey("targets")) {
            document = map.get("targets");
        }
        if (!(document instanceof List<?> list)) {
            throw new SchemataException(ErrorCode.BAD_USAGE, file + ": expected an array of targets, or {\"targets\": [...]}");
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = file + ": target " + (i + 1);
            if (list.get(i) instanceof String s) {
                Map<String, Object> values = new HashMap<>();
                values.put(s.contains("://") || s.startsWith("jdbc:") ? "url" : "schema", s);
                targets.add(target(values, where));
            } else if (list.get(i) instanceof Map<?, ?> m) {
                targets.add(target(stringKeys(m), where));
            } else {
                throw new SchemataException(ErrorCode.BAD_USAGE, where + ": expected an object with url and/or schema");
            }
        }
        return targets;
    }

    private List<Target> toml(String file, String text) {
        Map<String, Object> document;
        try {
            document = TomlDocument.parse(file, text);
        } catch (SchemataException e) {
            throw new SchemataException(ErrorCode.BAD_USAGE, e.getMessage(), e);
        }
        for (String key : document.keySet()) {
            if (!key.equals("targets")) {
                throw new SchemataException(ErrorCode.BAD_USAGE, file + ": unknown key " + key + "; a target list has one"
                        + " [targets.NAME] table per target");
            }
        }
        if (!(document.get("targets") instanceof Map<?, ?> all)) {
            throw new SchemataException(ErrorCode.BAD_USAGE, file + ": no [targets.NAME] tables");
        }
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<?, ?> e : all.entrySet()) {
            String where = file + ": [targets." + e.getKey() + "]";
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                throw new SchemataException(ErrorCode.BAD_USAGE, where + " must be a table with url and/or schema");
            }
            Map<String, Object> values = stringKeys(m);
            values.putIfAbsent("name", e.getKey());
            targets.add(target(values, where));
        }
        return targets;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> values = new LinkedHashMap<>();
        m.forEach((k, v) -> values.put(String.valueOf(k), v));
        return values;
    }

    private Target target(Map<String, Object> values, String where) {
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new SchemataException(ErrorCode.BAD_USAGE, where + ": unknown key " + key + " (known: name, url, schema, labels)");
            }
        }
        String url = string(values, "url", where);
        String schema = string(values, "schema", where);
        String name = string(values, "name", where);
        if (schema != null && !SCHEMA_NAME.matcher(schema).matches()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, where + ": \"" + schema + "\" is not a schema name");
        }
        ConnectionSettings database;
        if (url != null) {
            database = urls.apply(url, where);
        } else if (schema == null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, where + ": a target needs a url, a schema, or both");
        } else if (base == null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, where + ": the schema " + schema + " has no URL and no database"
                    + " is configured for it (--url, the environment's url, SCHEMATA_URL, DATABASE_URL or PG* variables)");
        } else {
            database = base;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Object l = values.get("labels");
        if (l instanceof Map<?, ?> m) {
            m.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        } else if (l != null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, where + ": labels must be a table of name = value");
        }
        return new Target(name != null ? name : schema != null ? schema : database.database(), database, schema, labels);
    }

    private static String string(Map<String, Object> values, String key, String where) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, where + ": " + key + " must be a non-empty string");
        }
        return s.strip();
    }

    /** The same target twice would be reported twice; two names alike would make the report ambiguous. */
    private static List<Target> checked(List<Target> targets, String where) {
        if (targets.isEmpty()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, where + " lists no targets");
        }
        Map<String, Target> byIdentity = new HashMap<>();
        Map<String, Target> byName = new HashMap<>();
        for (Target t : targets) {
            Target seen = byIdentity.putIfAbsent(t.identity(), t);
            if (seen != null) {
                throw new SchemataException(ErrorCode.BAD_USAGE, where + ": " + t.describe() + " is listed twice");
            }
            seen = byName.putIfAbsent(t.name(), t);
            if (seen != null) {
                throw new SchemataException(ErrorCode.BAD_USAGE, where + ": two targets are named " + t.name() + " ("
                        + seen.describe() + " and " + t.describe() + "); give them distinct names");
            }
        }
        return List.copyOf(targets);
    }
}
