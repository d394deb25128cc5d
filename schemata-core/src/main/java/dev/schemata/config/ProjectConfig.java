package dev.schemata.config;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.backup.BackupFormat;
import dev.schemata.connect.Environment;
import dev.schemata.history.HistoryTable;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's {@code schemata.toml}: settings shared by all environments at the top level, one
 * {@code [environments.NAME]} table per environment. Loading checks the whole file (unknown keys, types,
 * impossible values) so a typo in {@code prod} is caught while working in {@code dev}; {@code ${VAR}}
 * references are expanded only for the environment that is selected, so an unset production variable does
 * not stop development.
 */
public final class ProjectConfig {
    public static final String FILE_NAME = "schemata.toml";

    /** Keys an environment may set (and the top level, for all environments). */
    private static final Set<String> SHARED_KEYS = Set.of("migrations", "schema_file", "history_table",
            "backup_before_migrate", "backup_dir", "backup_format", "backup_keep_days", "backup_keep_last", "lint", "models",
            "require_tables", "require_indexes");
    private static final Set<String> ENVIRONMENT_ONLY_KEYS = Set.of("url", "protected", "fleet");
    private static final Set<String> FLEET_KEYS = Set.of("targets", "targets_query", "parallel");
    private static final Set<String> TOP_ONLY_KEYS = Set.of("default_environment", "environments");
    private static final Set<String> LINT_KEYS = Set.of("disable", "severity", "threshold_rows", "threshold_bytes");
    private static final Pattern PLAIN_PASSWORD = Pattern.compile("://[^:/@\\s]*:([^@\\s]+)@|[?&]password=([^&\\s]+)");

    private final Path file;
    private final TomlTable root;
    private final Map<String, TomlTable> environments;

    private ProjectConfig(Path file, TomlTable root, Map<String, TomlTable> environments) {
        this.file = file;
        this.root = root;
        this.environments = environments;
    }

    /** The project's file in a directory, if there is one. */
    public static Optional<Path> find(Path dir) {
        Path candidate = dir.resolve(FILE_NAME);
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** Reads and checks a configuration file. */
    public static ProjectConfig load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(absolute))).toString();
        } catch (NoSuchFileException e) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "configuration file " + absolute + " does not exist");
        } catch (CharacterCodingException e) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, absolute + ": not valid UTF-8");
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "cannot read " + absolute + ": " + e.getMessage(), e);
        }
        TomlTable root = TomlParser.parse(absolute.toString(), text);
        Map<String, TomlTable> environments = new LinkedHashMap<>();
        ProjectConfig config = new ProjectConfig(absolute, root, environments);
        config.checkKeys(root, "", union(SHARED_KEYS, TOP_ONLY_KEYS), "the top level");
        TomlTable.Entry envs = root.get("environments");
        if (envs != null) {
            TomlTable table = config.table(envs, "environments");
            table.entries().forEach((name, entry) -> {
                TomlTable env = config.table(entry, "environments." + name);
                config.checkKeys(env, "environments." + name + ".", union(SHARED_KEYS, ENVIRONMENT_ONLY_KEYS),
                        "[environments." + name + "]");
                environments.put(name, env);
            });
        }
        String defaultEnv = config.string(root, "default_environment", "default_environment");
        if (defaultEnv != null && !environments.containsKey(defaultEnv)) {
            throw config.error(root.get("default_environment"), "default_environment names \"" + defaultEnv
                    + "\", which is not defined; defined: " + names(environments));
        }
        // Build every environment once without expanding variables: wrong types and values fail now.
        config.build(null, Environment.current(), false);
        for (String name : environments.keySet()) {
            config.build(name, Environment.current(), false);
            config.fleet(name, Environment.current(), false);
            config.modelsIgnore(name);
        }
        config.modelsIgnore(null);
        return config;
    }

    public Path file() {
        return file;
    }

    public List<String> environmentNames() {
        return List.copyOf(environments.keySet());
    }

    public Optional<String> defaultEnvironment() {
        return Optional.ofNullable(string(root, "default_environment", "default_environment"));
    }

    /** The settings of one environment, with {@code ${VAR}} expanded from {@code env}. */
    public EnvironmentConfig environment(String name, Environment env) {
        if (!environments.containsKey(name)) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "environment \"" + name + "\" is not defined in " + file
                    + (environments.isEmpty() ? " (it defines no [environments.NAME] tables)" : "; defined: " + names(environments)));
        }
        return build(name, env, true);
    }

    /** The top-level settings, for commands run without an environment. */
    public EnvironmentConfig withoutEnvironment(Environment env) {
        return build(null, env, true);
    }

    /**
     * What {@code check-models} leaves out ({@code [models] ignore = ["users.legacy_flag", "audit_log"]}): the
     * top level's entries and then the environment's ({@code [environments.NAME.models]}), each once.
     */
    public List<String> modelsIgnore(String environment) {
        List<String> all = new ArrayList<>();
        TomlTable envTable = environment == null ? null : environments.get(environment);
        for (String prefix : environment == null ? List.of("") : List.of("", "environments." + environment + ".")) {
            TomlTable owner = prefix.isEmpty() ? root : envTable;
            if (owner == null || owner.get("models") == null) {
                continue;
            }
            TomlTable models = table(owner.get("models"), prefix + "models");
            checkKeys(models, prefix + "models.", Set.of("ignore"), "[" + prefix + "models]");
            TomlTable.Entry ignore = models.get("ignore");
            if (ignore != null) {
                List<String> raw = ignore.value() instanceof String one ? List.of(one) : strings(ignore, prefix + "models.ignore");
                at(ignore, prefix + "models.ignore", () -> RequiredObjects.names(raw, prefix + "models.ignore")).stream()
                        .filter(n -> !all.contains(n)).forEach(all::add);
            }
        }
        return List.copyOf(all);
    }

    /**
     * Chooses the environment: {@code cliName} ({@code --env}), else {@code SCHEMATA_ENV}, else the file's
     * {@code default_environment}, else none (top-level settings only).
     */
    public EnvironmentConfig select(String cliName, Environment env) {
        String name = cliName != null ? cliName : env.get("SCHEMATA_ENV").orElse(defaultEnvironment().orElse(null));
        return name == null ? withoutEnvironment(env) : environment(name, env);
    }

    /**
     * The {@code [environments.NAME.fleet]} table of an environment, with {@code ${VAR}} expanded; empty when the
     * environment defines none. Its {@code targets} file is resolved against this file's directory.
     */
    public Optional<FleetConfig> fleet(String name, Environment env) {
        return fleet(name, env, true);
    }

    private Optional<FleetConfig> fleet(String name, Environment env, boolean strict) {
        TomlTable table = name == null ? null : environments.get(name);
        if (table == null || table.get("fleet") == null) {
            return Optional.empty();
        }
        String prefix = "environments." + name + ".fleet.";
        TomlTable fleet = table(table.get("fleet"), prefix.substring(0, prefix.length() - 1));
        checkKeys(fleet, prefix, FLEET_KEYS, "[" + prefix.substring(0, prefix.length() - 1) + "]");
        Resolver r = new Resolver(fleet, prefix, env, strict);
        String targets = r.string("targets");
        String query = r.string("targets_query");
        Long parallel = r.integer("parallel");
        if ((targets == null) == (query == null)) {
            throw error(table.get("fleet"), "[" + prefix.substring(0, prefix.length() - 1) + "] needs one of targets"
                    + " (a file) and targets_query (SQL on the environment's database)");
        }
        if (parallel != null && (parallel < 1 || parallel > 1000)) {
            throw error(fleet.get("parallel"), prefix + "parallel must be between 1 and 1000");
        }
        return Optional.of(new FleetConfig(targets == null ? null : file.getParent().resolve(targets).normalize(), query,
                parallel == null ? null : parallel.intValue()));
    }

    /**
     * Combinations that work but are unwise, each naming file and line: a plain password in a file other
     * users can read, an environment named like production that is not protected, retention that keeps
     * only the newest backup.
     */
    public List<String> validate() {
        List<String> warnings = new ArrayList<>();
        Optional<String> readable = readableByOthers();
        Map<String, TomlTable> all = new LinkedHashMap<>();
        all.put("", root);
        environments.forEach((name, table) -> all.put("environments." + name + ".", table));
        all.forEach((prefix, table) -> {
            TomlTable.Entry url = table.get("url");
            if (url != null && url.value() instanceof String text && readable.isPresent() && hasPlainPassword(text)) {
                warnings.add(file + ":" + url.line() + ": " + prefix + "url holds a plain password and the file is "
                        + readable.get() + "; use ${VARIABLE} or ~/.pgpass for the password, or chmod 600 " + file.getFileName());
            }
        });
        environments.forEach((name, table) -> {
            TomlTable.Entry prot = table.get("protected");
            boolean isProtected = prot != null && Boolean.TRUE.equals(prot.value());
            if (!isProtected && name.toLowerCase(java.util.Locale.ROOT).matches("prod|production|live|prd")) {
                warnings.add(file + ":" + table.line() + ": environment \"" + name
                        + "\" looks like production but is not protected; add protected = true");
            }
        });
        all.forEach((prefix, table) -> {
            TomlTable.Entry days = table.get("backup_keep_days");
            if (days != null && Long.valueOf(0).equals(days.value()) && lookup(table, "backup_keep_last") == null) {
                warnings.add(file + ":" + days.line() + ": " + prefix + "backup_keep_days = 0 without backup_keep_last:"
                        + " prune keeps only the newest backup of each database");
            }
        });
        return warnings;
    }

    // ---------------------------------------------------------------- building an environment

    private EnvironmentConfig build(String name, Environment env, boolean strict) {
        TomlTable table = name == null ? null : environments.get(name);
        String prefix = name == null ? "" : "environments." + name + ".";
        Path base = file.getParent();
        Resolver r = new Resolver(table, prefix, env, strict);
        String url = table == null ? null : r.string("url");
        String historyText = r.string("history_table");
        HistoryTable history = historyText == null ? null : at(r.entry("history_table"), r.key("history_table"),
                () -> HistoryTable.parse(historyText));
        Boolean isProtected = table == null ? null : r.bool("protected");
        String formatText = r.string("backup_format");
        BackupFormat format = formatText == null ? BackupFormat.CUSTOM
                : at(r.entry("backup_format"), r.key("backup_format"), () -> BackupFormat.parse(formatText, r.key("backup_format")));
        Long keepDays = r.integer("backup_keep_days");
        Long keepLast = r.integer("backup_keep_last");
        Path backupDir = r.path("backup_dir", base);
        Boolean beforeMigrate = r.bool("backup_before_migrate");
        BackupSettings backup = at(r.entry(keepDays != null ? "backup_keep_days" : "backup_keep_last"), "backup settings",
                () -> new BackupSettings(backupDir == null ? base.resolve("backups") : backupDir, format,
                        Boolean.TRUE.equals(beforeMigrate), keepDays == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, keepDays)),
                        keepLast == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, keepLast))));
        LintSettings lint = lint(table, prefix);
        RequiredObjects required = new RequiredObjects(r.names("require_tables"), r.names("require_indexes"));
        return new EnvironmentConfig(name, file, url, r.path("migrations", base), r.path("schema_file", base), history,
                Boolean.TRUE.equals(isProtected), backup, lint, required);
    }

    private LintSettings lint(TomlTable envTable, String prefix) {
        TomlTable top = root.get("lint") == null ? null : table(root.get("lint"), "lint");
        TomlTable own = envTable == null || envTable.get("lint") == null ? null : table(envTable.get("lint"), prefix + "lint");
        for (TomlTable t : new TomlTable[]{top, own}) {
            if (t != null) {
                checkKeys(t, t == own ? prefix + "lint." : "lint.", LINT_KEYS, "[" + (t == own ? prefix : "") + "lint]");
            }
        }
        List<String> disable = new ArrayList<>();
        Map<String, String> severity = new TreeMap<>();
        Long rows = null;
        Long bytes = null;
        TomlTable.Entry anyEntry = null;
        for (TomlTable t : new TomlTable[]{top, own}) {
            if (t == null) {
                continue;
            }
            String p = t == own ? prefix + "lint." : "lint.";
            TomlTable.Entry d = t.get("disable");
            if (d != null) {
                disable = strings(d, p + "disable");
            }
            TomlTable.Entry s = t.get("severity");
            if (s != null) {
                TomlTable sev = table(s, p + "severity");
                sev.entries().forEach((rule, e) -> severity.put(rule, requireString(e, p + "severity." + rule)));
                anyEntry = s;
            }
            if (t.get("threshold_rows") != null) {
                rows = requireLong(t.get("threshold_rows"), p + "threshold_rows");
                anyEntry = t.get("threshold_rows");
            }
            if (t.get("threshold_bytes") != null) {
                bytes = requireLong(t.get("threshold_bytes"), p + "threshold_bytes");
                anyEntry = t.get("threshold_bytes");
            }
        }
        List<String> finalDisable = disable;
        Long finalRows = rows;
        Long finalBytes = bytes;
        return at(anyEntry, "lint", () -> new LintSettings(finalDisable, severity, finalRows, finalBytes));
    }

    /** Looks a key up in the environment's table, then at the top level. */
    private final class Resolver {
        private final TomlTable table;
        private final String prefix;
        private final Environment env;
        private final boolean strict;

        Resolver(TomlTable table, String prefix, Environment env, boolean strict) {
            this.table = table;
            this.prefix = prefix;
            this.env = env;
            this.strict = strict;
        }

        TomlTable.Entry entry(String key) {
            if (table != null && table.get(key) != null) {
                return table.get(key);
            }
            return ENVIRONMENT_ONLY_KEYS.contains(key) ? null : root.get(key);
        }

        String key(String key) {
            return table != null && table.get(key) != null ? prefix + key : key;
        }

        String string(String key) {
            TomlTable.Entry e = entry(key);
            if (e == null) {
                return null;
            }
            String raw = requireString(e, key(key));
            String value = Variables.expand(raw, env, strict, file + ":" + e.line(), key(key));
            if (value.isBlank()) {
                throw error(e, key(key) + " must not be empty");
            }
            return value;
        }

        Path path(String key, Path base) {
            String value = string(key);
            if (value == null) {
                return null;
            }
            try {
                return base.resolve(value).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                // Typically a name with characters the system's file name encoding lacks (a POSIX/C locale).
                throw error(entry(key), key(key) + " is not a usable path here: " + e.getReason()
                        + " (file names are encoded as " + System.getProperty("sun.jnu.encoding", "unknown")
                        + "; a UTF-8 locale such as LANG=C.UTF-8 takes any name)");
            }
        }

        Boolean bool(String key) {
            TomlTable.Entry e = entry(key);
            if (e == null) {
                return null;
            }
            if (!(e.value() instanceof Boolean b)) {
                throw error(e, key(key) + " must be true or false, got " + describe(e.value()));
            }
            return b;
        }

        Long integer(String key) {
            TomlTable.Entry e = entry(key);
            return e == null ? null : requireLong(e, key(key));
        }

        /** An array of names, or one string of comma-separated names. */
        List<String> names(String key) {
            TomlTable.Entry e = entry(key);
            if (e == null) {
                return List.of();
            }
            List<String> raw = e.value() instanceof String one ? List.of(one) : strings(e, key(key));
            List<String> expanded = raw.stream().map(v -> Variables.expand(v, env, strict, file + ":" + e.line(), key(key))).toList();
            return at(e, key(key), () -> RequiredObjects.names(expanded, key(key)));
        }
    }

    // ---------------------------------------------------------------- checks

    private void checkKeys(TomlTable table, String prefix, Set<String> allowed, String where) {
        table.entries().forEach((key, entry) -> {
            if (!allowed.contains(key)) {
                String hint = ENVIRONMENT_ONLY_KEYS.contains(key) && where.equals("the top level")
                        ? "; " + key + " belongs in an [environments.NAME] table"
                        : "; known keys: " + String.join(", ", new java.util.TreeSet<>(allowed));
                throw error(entry, "unknown key " + prefix + key + " in " + where + hint);
            }
        });
    }

    private TomlTable table(TomlTable.Entry entry, String key) {
        if (entry.value() instanceof TomlTable t) {
            return t;
        }
        throw error(entry, key + " must be a table ([" + key + "]), got " + describe(entry.value()));
    }

    private String string(TomlTable table, String key, String name) {
        TomlTable.Entry e = table.get(key);
        return e == null ? null : requireString(e, name);
    }

    private String requireString(TomlTable.Entry e, String key) {
        if (e.value() instanceof String s) {
            return s;
        }
        throw error(e, key + " must be a string in quotes, got " + describe(e.value()));
    }

    private Long requireLong(TomlTable.Entry e, String key) {
        if (e.value() instanceof Long l) {
            return l;
        }
        throw error(e, key + " must be a whole number, got " + describe(e.value()));
    }

    private List<String> strings(TomlTable.Entry e, String key) {
        if (e.value() instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw error(e, key + " must be an array of strings, got " + describe(e.value()));
    }

    /** Runs a record constructor and puts the file and line in front of its message. */
    private <T> T at(TomlTable.Entry entry, String key, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (SchemataException e) {
            String where = file + (entry == null ? "" : ":" + entry.line());
            throw new SchemataException(ErrorCode.BAD_CONFIG, where + ": " + e.getMessage(), e);
        }
    }

    private SchemataException error(TomlTable.Entry entry, String message) {
        return new SchemataException(ErrorCode.BAD_CONFIG, file + ":" + (entry == null ? 1 : entry.line()) + ": " + message);
    }

    private static String describe(Object value) {
        if (value instanceof TomlTable) {
            return "a table";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private TomlTable.Entry lookup(TomlTable table, String key) {
        return table.get(key) != null ? table.get(key) : root.get(key);
    }

    static boolean hasPlainPassword(String url) {
        Matcher m = PLAIN_PASSWORD.matcher(url);
        while (m.find()) {
            String password = m.group(1) != null ? m.group(1) : m.group(2);
            if (!password.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}")) {
                return true;
            }
        }
        return false;
    }

    /** "readable by group and others (mode 0644)" when it is. */
    private Optional<String> readableByOthers() {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            boolean group = perms.contains(PosixFilePermission.GROUP_READ);
            boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
            if (!group && !others) {
                return Optional.empty();
            }
            return Optional.of("readable by " + (group && others ? "group and others" : group ? "its group" : "others")
                    + " (" + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String names(Map<String, TomlTable> environments) {
        return environments.isEmpty() ? "none" : String.join(", ", environments.keySet());
    }
}
