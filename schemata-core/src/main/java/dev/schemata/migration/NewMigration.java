package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.migration.Migration.Layout;

import java.io.IOException;
import java.math.BigInteger;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files for a new migration, named in the directory's own style: the style and version width of its
 * latest migration ({@code 005_name.sql} after {@code 004_…}, {@code V5__name.sql} after {@code V4__…}, a
 * {@code YYYY-MM-DD-HHMMSS_name/} folder after Diesel folders, a {@code YYYYMMDDHHMMSS_name.sql} dbmate file
 * after dbmate files), or {@code 001_name.sql} in an empty directory. Timestamps come from the given clock,
 * in UTC.
 *
 * <p>The up part is created empty on purpose: the directory scan reports an empty up migration, so a
 * migration that was created and never written cannot be applied as a silent no-op. Down parts start empty,
 * which means "nothing to undo" until filled in.
 *
 * @param version     the new migration's version
 * @param description the sanitised name, {@code [a-z0-9_]} only ("Add new feature" gives {@code add_new_feature})
 * @param files       the files to create, with their initial content
 */
public record NewMigration(Version version, String description, List<PlannedFile> files) {
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter DIESEL = DateTimeFormatter.ofPattern("uuuu-MM-dd-HHmmss");
    private static final Pattern COMPACT_TIMESTAMP = Pattern.compile("[0-9]{14}");
    private static final Pattern DIESEL_TIMESTAMP = Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6})(-[0-9]+)?");
    private static final Pattern LAST_NUMBER = Pattern.compile("([0-9]+)$");

    /** A file to create: where, and what to put in it. */
    public record PlannedFile(Path path, String content) {
        public PlannedFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }

    public NewMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        files = List.copyOf(files);
    }

    /**
     * Plans the next migration of {@code set} called {@code name}.
     *
     * @throws SchemataException with {@link ErrorCode#BAD_USAGE} when the name has no letter or digit
     */
    public static NewMigration plan(MigrationSet set, String name, Clock clock) {
        String description = sanitise(name);
        Path dir = set.directory();
        if (dir == null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "a new migration needs one migrations directory on disk, not the "
                    + set.location());
        }
        Migration latest = set.latest().orElse(null);
        Layout layout = latest != null ? latest.layout() : set.repeatable().isEmpty() ? Layout.NUMBERED : Layout.FLYWAY;
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Version version;
        if (latest == null) {
            version = layout == Layout.FLYWAY ? new Version("1") : new Version("001");
        } else if (layout == Layout.DIESEL) {
            version = nextDiesel(latest.version(), now);
        } else {
            version = nextNumber(latest.version(), now);
        }
        return new NewMigration(version, description, files(dir, version, description, layout));
    }

    /** The files of migration {@code version} named {@code description} in {@code layout}, up part first, as created. */
    public static List<PlannedFile> files(Path dir, Version version, String description, Layout layout) {
        String v = version.text();
        return switch (layout) {
            case NUMBERED -> List.of(new PlannedFile(dir.resolve(v + "_" + description + ".sql"), ""));
            case UP_DOWN_FILES -> List.of(
                    new PlannedFile(dir.resolve(v + "_" + description + ".up.sql"), ""),
                    new PlannedFile(dir.resolve(v + "_" + description + ".down.sql"), ""));
            case FLYWAY -> List.of(new PlannedFile(dir.resolve("V" + v + "__" + description + ".sql"), ""));
            case DIESEL -> List.of(
                    new PlannedFile(dir.resolve(v + "_" + description).resolve("up.sql"), ""),
                    new PlannedFile(dir.resolve(v + "_" + description).resolve("down.sql"), ""));
            case DBMATE -> List.of(new PlannedFile(dir.resolve(v + "_" + description + ".sql"),
                    "-- migrate:up\n\n\n-- migrate:down\n\n"));
        };
    }

    /**
     * Creates the planned files (and a Diesel migration's folder), UTF-8 encoded.
     *
     * @throws SchemataException with {@link ErrorCode#OPERATION_FAILED} when any of the files already
     *         exists (nothing is written then) or cannot be written
     */
    public void write() {
        for (PlannedFile file : files) {
            if (Files.exists(file.path())) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED,
                        "not creating " + file.path() + ": the file already exists");
            }
        }
        for (PlannedFile file : files) {
            try {
                Path parent = file.path().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                // CREATE_NEW makes the check and the creation one step, so a file made in between is not replaced.
                try (OutputStream out = Files.newOutputStream(file.path(), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    out.write(file.content().getBytes(StandardCharsets.UTF_8));
                }
            } catch (FileAlreadyExistsException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED,
                        "not creating " + file.path() + ": the file already exists", e);
            } catch (IOException e) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED,
                        "cannot create " + file.path() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Lower case, every run of other characters as one {@code _}, none at either end. */
    static String sanitise(String name) {
        String sanitised = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (sanitised.isEmpty()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "the migration name '" + name
                    + "' has no letters or digits; describe the change, for example \"add users table\"");
        }
        return sanitised;
    }

    /**
     * After a compact timestamp ({@code 20240131120000}): the clock's time, kept after the latest one even if
     * the clock is behind. Otherwise the last number plus one, keeping its width and everything before it.
     */
    private static Version nextNumber(Version latest, LocalDateTime now) {
        String text = latest.text();
        if (COMPACT_TIMESTAMP.matcher(text).matches() && parses(text, COMPACT)) {
            LocalDateTime last = LocalDateTime.parse(text, COMPACT);
            return new Version(COMPACT.format(now.isAfter(last) ? now : last.plusSeconds(1)));
        }
        Matcher m = LAST_NUMBER.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("version without a last number: " + text);
        }
        String digits = m.group(1);
        String next = new BigInteger(digits).add(BigInteger.ONE).toString();
        String padded = "0".repeat(Math.max(0, digits.length() - next.length())) + next;
        return new Version(text.substring(0, m.start(1)) + padded);
    }

    /** Diesel's {@code YYYY-MM-DD-HHMMSS}, with the {@code -0000} suffix newer Diesel versions add if the latest has it. */
    private static Version nextDiesel(Version latest, LocalDateTime now) {
        Matcher m = DIESEL_TIMESTAMP.matcher(latest.text());
        if (!m.matches() || !parses(m.group(1), DIESEL)) {
            // Diesel's initial setup (00000000000000) and other non-dates: every real time comes after them.
            return new Version(DIESEL.format(now));
        }
        LocalDateTime last = LocalDateTime.parse(m.group(1), DIESEL);
        String suffix = m.group(2) == null ? "" : "-" + "0".repeat(m.group(2).length() - 1);
        return new Version(DIESEL.format(now.isAfter(last) ? now : last.plusSeconds(1)) + suffix);
    }

    private static boolean parses(String text, DateTimeFormatter format) {
        try {
            LocalDateTime.parse(text, format);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
