package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.concurrent.Background;
import dev.schemata.migration.Migration.Kind;
import dev.schemata.migration.Migration.Layout;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Finds, names and reads the migration files of one or more locations (directories, classpath folders in
 * classes directories or jars), collecting every problem before failing.
 */
final class DirectoryScanner {
    private static final String FLYWAY_VERSION = "([0-9]+(?:[._][0-9]+)*)";
    private static final Pattern FLYWAY_VERSIONED = Pattern.compile("V" + FLYWAY_VERSION + "__(.*)\\.sql");
    private static final Pattern FLYWAY_UNDO = Pattern.compile("U" + FLYWAY_VERSION + "__(.*)\\.sql");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(.*)\\.sql");
    private static final Pattern UP_DOWN_FILE = Pattern.compile("([0-9]+)_(.*)\\.(up|down)\\.sql");
    private static final Pattern NUMBERED = Pattern.compile("([0-9]+)_(.*)\\.sql");
    private static final Pattern NUMBER_ONLY = Pattern.compile("([0-9]+)((?:\\.up|\\.down)?)\\.sql");
    private static final Pattern FLYWAY_ONE_UNDERSCORE =
            Pattern.compile("(?:[VU]" + FLYWAY_VERSION + "|R)_[^_].*\\.sql");
    private static final Pattern DIESEL_FOLDER = Pattern.compile("([0-9]+(?:-[0-9]+)*)(?:_(.*))?");

    private static final String EXPECTED = "expected 001_name.sql, 001_name.up.sql / 001_name.down.sql,"
            + " V1__name.sql, U1__name.sql, R__name.sql or a <version>_name/ folder with up.sql and down.sql";

    private enum Role { UP, DOWN, REPEATABLE }

    /** What a file's name says it is. */
    private record Named(Role role, Version version, String description, Layout layout) {
    }

    /**
     * A file whose name fits a layout; {@code content} is null when it could not be read. {@code shown} is
     * the relative path, preceded by its place when several places are scanned.
     */
    private record Found(Named named, MigrationFile file, String relativePath, String shown, ContentScan content) {
    }

    /** Opens a file's bytes for the one read of the scan. */
    private interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * A file on disk whose name fits a layout, waiting to be read once the walk of its place is done;
     * {@code problemIndex} is where its content problems go in the list, so they come out in file order.
     */
    private record Pending(Named named, MigrationFile file, String relativePath, String shown, long size,
            int problemIndex) {
    }

    /** What reading one file gave: its content, or the problem that kept it from being read. */
    private record Read(ContentScan content, String problem) {
    }

    private final List<MigrationLocation> locations;
    private final ClassLoader classLoader;
    private final List<String> problems = new ArrayList<>();
    private final List<Found> found = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    /** Real paths of the directory being scanned and of every linked folder followed. */
    private final Set<Path> visited = new HashSet<>();
    private Path directory;
    /** Put before relative paths in messages: the place's name when several are scanned, else nothing. */
    private String shownPrefix = "";

    DirectoryScanner(Path directory) {
        this(List.of(new MigrationLocation.Directory(directory)), null);
    }

    /** {@code classLoader} finds {@code classpath:} locations; it may be null when there are none. */
    DirectoryScanner(List<MigrationLocation> locations, ClassLoader classLoader) {
        if (locations.isEmpty()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "no migrations location given");
        }
        this.locations = List.copyOf(locations);
        this.classLoader = classLoader;
    }

    MigrationSet scan() {
        List<ClasspathLocations.Root> roots = new ArrayList<>();
        for (MigrationLocation location : locations) {
            if (location instanceof MigrationLocation.Directory d) {
                Path path = d.path();
                if (!Files.isDirectory(path)) {
                    String what = Files.exists(path) ? " is not a directory" : " does not exist";
                    throw new SchemataException(ErrorCode.BAD_INPUT, "migrations directory " + path + what);
                }
                roots.add(new ClasspathLocations.Folder(path, path.toString()));
            } else if (location instanceof MigrationLocation.Classpath c) {
                roots.addAll(ClasspathLocations.resolve(c, classLoader));
            }
        }
        for (ClasspathLocations.Root root : roots) {
            shownPrefix = roots.size() > 1 ? root.shown() + "/" : "";
            int before = problems.size();
            if (root instanceof ClasspathLocations.Folder folder) {
                directory = folder.directory();
                visited.clear();
                walk(directory, "");
                readPending();
            } else if (root instanceof ClasspathLocations.JarFolder jar) {
                listJar(jar);
            }
            // These problems start with the relative path; with several places, say which one.
            for (int i = before; i < problems.size(); i++) {
                problems.set(i, shownPrefix + problems.get(i));
            }
        }
        MigrationSet set = assemble(describe(roots), roots.size() == 1
                && roots.get(0) instanceof ClasspathLocations.Folder f ? f.directory() : null);
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder(set.location()).append(" has ")
                    .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
            for (String problem : problems) {
                message.append('\n').append(problem);
            }
            throw new SchemataException(ErrorCode.BAD_INPUT, message.toString());
        }
        return set;
    }

    private void walk(Path folder, String relativeFolder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            problems.add((relativeFolder.isEmpty() ? "." : relativeFolder) + ": cannot list the folder: " + e.getMessage());
            return;
        }
        // Sorting by name makes the scan, and so the order of reported problems, the same on every system.
        // Names are taken once, not in every comparison: Path.toString() allocates.
        TreeMap<String, Path> byName = new TreeMap<>();
        for (Path entry : entries) {
            byName.put(entry.getFileName().toString(), entry);
        }
        for (Map.Entry<String, Path> listed : byName.entrySet()) {
            Path entry = listed.getValue();
            String name = listed.getKey();
            if (name.startsWith(".")) {
                continue;
            }
            String relativePath = relativeFolder.isEmpty() ? name : relativeFolder + "/" + name;
            BasicFileAttributes attributes;
            try {
                // One stat per entry: a directory of 10,000 migrations is scanned on every command.
                attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                problems.add(relativePath + ": cannot read the file: " + e.getMessage());
                continue;
            }
            boolean sql = name.toLowerCase(Locale.ROOT).endsWith(".sql");
            if (attributes.isSymbolicLink()) {
                attributes = linkTarget(entry, relativePath, sql);
                if (attributes == null) {
                    continue;
                }
                if (attributes.isDirectory() && !firstVisit(entry, relativePath)) {
                    continue;
                }
            }
            if (attributes.isDirectory()) {
                walk(entry, relativePath);
            } else if (sql && !attributes.isRegularFile()) {
                problems.add(relativePath + ": not a regular file; a migration must be a file (or a link to one)");
            } else if (sql) {
                String folderName = relativeFolder.isEmpty() ? "" : folder.getFileName().toString();
                Named named = name(name, folderName, relativePath);
                if (named != null) {
                    pending.add(new Pending(named, MigrationFile.of(entry), relativePath, shownPrefix + relativePath,
                            attributes.size(), problems.size()));
                }
            }
        }
    }

    /**
     * The entries below the folder of a jar, in name order, each read once: a nested jar is streamed through
     * once, not opened again for every entry.
     */
    private void listJar(ClasspathLocations.JarFolder root) {
        try (ZipFile zip = new ZipFile(root.jar().toFile())) {
            if (root.nestedJar() == null) {
                List<? extends ZipEntry> entries = zip.stream()
                        .filter(e -> !e.isDirectory() && e.getName().startsWith(root.prefix()))
                        .sorted(Comparator.comparing(ZipEntry::getName)).toList();
                for (ZipEntry e : entries) {
                    jarEntry(root, e, () -> zip.getInputStream(e));
                }
                return;
            }
            ZipEntry nested = zip.getEntry(root.nestedJar());
            if (nested == null) {
                problems.add(root.nestedJar() + ": not in " + root.jar());
                return;
            }
            try (ZipInputStream in = new ZipInputStream(zip.getInputStream(nested))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    if (!e.isDirectory() && e.getName().startsWith(root.prefix())) {
                        InputStream current = in;
                        jarEntry(root, e, () -> new FilterInputStream(current) {
                            @Override
                            public void close() {
                                // The next entry is read from the same stream.
                            }
                        });
                    }
                }
            }
        } catch (IOException e) {
            problems.add(".: cannot read " + root.shown() + ": " + e.getMessage());
        }
    }

    private void jarEntry(ClasspathLocations.JarFolder root, ZipEntry e, Opener opener) {
        String relativePath = e.getName().substring(root.prefix().length());
        String[] segments = relativePath.split("/");
        String name = segments[segments.length - 1];
        for (String segment : segments) {
            if (segment.startsWith(".")) {
                return;
            }
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            return;
        }
        String folderName = segments.length > 1 ? segments[segments.length - 2] : "";
        // Asked after the read: a streamed entry's size is only known once its data has been read.
        addFile(name, folderName, relativePath,
                () -> new MigrationFile.InJar(root.jar(), root.nestedJar(), e.getName(), e.getSize()), e.getSize(), opener);
    }

    /** Names and reads one {@code .sql} file, wherever it is; {@code folderName} is empty at the root. */
    private void addFile(String name, String folderName, String relativePath, Supplier<MigrationFile> file,
            long size, Opener opener) {
        Named named = name(name, folderName, relativePath);
        if (named != null) {
            Read read = read(opener, relativePath, size);
            if (read.problem() != null) {
                problems.add(read.problem());
            }
            Found found = new Found(named, file.get(), relativePath, shownPrefix + relativePath, read.content());
            checkContent(found, problems);
            this.found.add(found);
        }
    }

    /**
     * Reads the files the walk of one folder found, several at a time when there are many (a directory of
     * thousands of migrations is read on every command, and each file costs a few system calls besides its
     * checksum), then takes them in name order as if read one by one: the same found files, and the same
     * problems in the same places.
     */
    private void readPending() {
        List<Pending> files = List.copyOf(pending);
        pending.clear();
        List<Read> reads = Background.map(files, p -> read(p.file()::open, p.relativePath(), p.size()));
        int inserted = 0;
        for (int i = 0; i < files.size(); i++) {
            Pending p = files.get(i);
            List<String> fileProblems = new ArrayList<>();
            if (reads.get(i).problem() != null) {
                fileProblems.add(reads.get(i).problem());
            }
            Found found = new Found(p.named(), p.file(), p.relativePath(), p.shown(), reads.get(i).content());
            checkContent(found, fileProblems);
            this.found.add(found);
            problems.addAll(p.problemIndex() + inserted, fileProblems);
            inserted += fileProblems.size();
        }
    }

    private static String describe(List<ClasspathLocations.Root> roots) {
        if (roots.size() == 1 && roots.get(0) instanceof ClasspathLocations.Folder f) {
            return "migrations directory " + f.shown();
        }
        return "migrations location " + roots.stream().map(ClasspathLocations.Root::shown)
                .collect(Collectors.joining(", "));
    }

    /**
     * What a symbolic link points to, followed: a link to a migration is that migration. Null when it leads
     * nowhere; for a {@code .sql} name that is a problem (skipping it would silently leave a migration out),
     * for any other name it is ignored like any other file that is not SQL.
     */
    private BasicFileAttributes linkTarget(Path link, String relativePath, boolean sql) {
        try {
            return Files.readAttributes(link, BasicFileAttributes.class);
        } catch (IOException e) {
            if (sql) {
                problems.add(relativePath + ": " + brokenLink(link, e) + "; point it at the migration file or remove it");
            }
            return null;
        }
    }

    private static String brokenLink(Path link, IOException e) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException unreadable) {
            return "a symbolic link that cannot be followed (" + e.getMessage() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "a symbolic link to " + target + ", which does not exist";
        }
        // ELOOP has no exception type of its own; its message is the system's ("Too many levels of symbolic links").
        return "a symbolic link to " + target + " that cannot be followed (" + reason(e) + ")";
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        String file = e instanceof FileSystemException fse ? fse.getFile() : null;
        if (message != null && file != null && message.startsWith(file + ": ")) {
            return message.substring(file.length() + 2);
        }
        return message;
    }

    /**
     * Linked folders are followed, each real folder once: a link back up the tree, or a second link to a folder
     * already scanned, is reported instead of scanning it again (forever, for a loop).
     */
    private boolean firstVisit(Path link, String relativePath) {
        try {
            if (visited.isEmpty()) {
                visited.add(directory.toRealPath());
            }
            Path real = link.toRealPath();
            if (!visited.add(real)) {
                problems.add(relativePath + ": a linked folder that leads to " + real
                        + ", which is already scanned; remove the link");
                return false;
            }
            return true;
        } catch (IOException e) {
            problems.add(relativePath + ": cannot follow the linked folder: " + e.getMessage());
            return false;
        }
    }

    /** Works out what a {@code .sql} file is from its name, or records why the name is wrong. */
    private Named name(String name, String folderName, String relativePath) {
        if (!name.endsWith(".sql")) {
            problems.add(relativePath + ": the extension must be lower-case .sql");
            return null;
        }
        if (name.equals("up.sql") || name.equals("down.sql")) {
            return dieselName(name, folderName, relativePath);
        }
        Matcher m;
        // Each layout's names start with a letter of its own or a digit: only those patterns are tried.
        char first = name.charAt(0);
        boolean flyway = first == 'V' || first == 'U' || first == 'R';
        boolean numbered = first >= '0' && first <= '9';
        if (flyway && (m = FLYWAY_VERSIONED.matcher(name)).matches()) {
            return named(Role.UP, m.group(1), m.group(2), Layout.FLYWAY, relativePath, "V1__add_users.sql");
        }
        if (flyway && (m = FLYWAY_UNDO.matcher(name)).matches()) {
            return named(Role.DOWN, m.group(1), m.group(2), Layout.FLYWAY, relativePath, "U1__add_users.sql");
        }
        if (flyway && (m = FLYWAY_REPEATABLE.matcher(name)).matches()) {
            return named(Role.REPEATABLE, null, m.group(1), Layout.FLYWAY, relativePath, "R__refresh_views.sql");
        }
        if (numbered && (m = UP_DOWN_FILE.matcher(name)).matches()) {
            Role role = m.group(3).equals("up") ? Role.UP : Role.DOWN;
            return named(role, m.group(1), m.group(2), Layout.UP_DOWN_FILES, relativePath,
                    m.group(1) + "_add_users." + m.group(3) + ".sql");
        }
        if (numbered && (m = NUMBERED.matcher(name)).matches()) {
            return named(Role.UP, m.group(1), m.group(2), Layout.NUMBERED, relativePath, m.group(1) + "_add_users.sql");
        }
        if ((m = NUMBER_ONLY.matcher(name)).matches()) {
            problems.add(relativePath + ": no description after the version; name it like "
                    + m.group(1) + "_add_users" + m.group(2) + ".sql");
        } else if (FLYWAY_ONE_UNDERSCORE.matcher(name).matches()) {
            problems.add(relativePath + ": Flyway names need two underscores after the version or R,"
                    + " as in V1__add_users.sql or R__refresh_views.sql");
        } else {
            problems.add(relativePath + ": not a migration name; " + EXPECTED);
        }
        return null;
    }

    private Named dieselName(String name, String folderName, String relativePath) {
        Role role = name.equals("up.sql") ? Role.UP : Role.DOWN;
        if (folderName.isEmpty()) {
            problems.add(relativePath + ": " + name + " must be inside a <version>_name/ folder"
                    + " such as 2024-01-31-120000_add_users/");
            return null;
        }
        Matcher m = DIESEL_FOLDER.matcher(folderName);
        if (!m.matches()) {
            problems.add(relativePath + ": the folder name " + folderName + " is not <version>_name,"
                    + " as in 2024-01-31-120000_add_users");
            return null;
        }
        if (m.group(2) == null) {
            problems.add(relativePath + ": the folder name " + folderName + " has no description after the version;"
                    + " name it like " + folderName + "_add_users");
            return null;
        }
        return named(role, m.group(1), m.group(2), Layout.DIESEL, relativePath, m.group(1) + "_add_users/");
    }

    private Named named(Role role, String version, String rawDescription, Layout layout, String relativePath,
            String example) {
        String description = rawDescription.replace('_', ' ').strip();
        if (description.isEmpty()) {
            problems.add(relativePath + ": the description is empty; name it like " + example);
            return null;
        }
        return new Named(role, version == null ? null : new Version(version), description, layout);
    }

    /** Reads one file; safe to call from several threads at once (it touches no state of the scan). */
    private static Read read(Opener opener, String relativePath, long size) {
        try (InputStream in = opener.open()) {
            // A buffer the size of the file (plus one byte to see the end), up to the usual one: most
            // migrations are a few hundred bytes, and a 64 KiB buffer each adds up to hundreds of MB.
            int buffer = size < 0 ? Utf8Lines.DEFAULT_BUFFER : (int) Math.max(256, Math.min(Utf8Lines.DEFAULT_BUFFER, size + 1));
            return new Read(ContentScan.of(in, buffer), null);
        } catch (Utf8Lines.MalformedException e) {
            return new Read(null, relativePath + ": " + e.getMessage());
        } catch (IOException e) {
            return new Read(null, relativePath + ": cannot read the file: " + e.getMessage());
        }
    }

    /** Checks the files' content and pairs them up; returns a set that is only valid without problems. */
    private MigrationSet assemble(String location, Path singleDirectory) {
        Map<Version, List<Found>> ups = new TreeMap<>();
        Map<Version, List<Found>> downs = new TreeMap<>();
        Map<String, List<Found>> repeatables = new TreeMap<>();
        for (Found file : found) {
            Named named = file.named();
            switch (named.role()) {
                case UP -> ups.computeIfAbsent(named.version(), v -> new ArrayList<>()).add(file);
                case DOWN -> downs.computeIfAbsent(named.version(), v -> new ArrayList<>()).add(file);
                case REPEATABLE -> repeatables.computeIfAbsent(named.description(), d -> new ArrayList<>()).add(file);
            }
        }

        List<Migration> versioned = new ArrayList<>();
        for (Map.Entry<Version, List<Found>> entry : ups.entrySet()) {
            List<Found> same = entry.getValue();
            List<Found> downFiles = downs.getOrDefault(entry.getKey(), List.of());
            if (same.size() > 1) {
                problems.add(paths(same) + ": duplicate version " + versionTexts(same)
                        + "; give each migration its own version");
                continue;
            }
            Found up = same.get(0);
            List<DownMigration> candidates = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            sectionDown(up).ifPresent(d -> {
                candidates.add(d);
                shown.add(up.shown());
            });
            for (Found down : downFiles) {
                candidates.add(downFile(down));
                shown.add(down.shown());
            }
            if (candidates.size() > 1) {
                problems.add(String.join(", ", shown)
                        + ": more than one down migration for version " + entry.getKey() + "; keep one");
            }
            versioned.add(migration(up, Kind.VERSIONED, candidates.isEmpty() ? Optional.empty()
                    : Optional.of(candidates.get(0))));
        }
        for (Map.Entry<Version, List<Found>> entry : downs.entrySet()) {
            if (!ups.containsKey(entry.getKey())) {
                for (Found down : entry.getValue()) {
                    problems.add(down.shown() + ": down migration for version " + down.named().version()
                            + " has no matching up migration");
                }
            }
        }
        List<Migration> repeatable = new ArrayList<>();
        for (Map.Entry<String, List<Found>> entry : repeatables.entrySet()) {
            if (entry.getValue().size() > 1) {
                problems.add(paths(entry.getValue()) + ": duplicate repeatable migration \"" + entry.getKey()
                        + "\"; give each a different description");
                continue;
            }
            Found file = entry.getValue().get(0);
            repeatable.add(migration(file, Kind.REPEATABLE, sectionDown(file)));
        }
        return new MigrationSet(location, singleDirectory, versioned, repeatable);
    }

    /** Records misplaced dbmate markers, and up migrations without SQL (down migrations may be empty). */
    private static void checkContent(Found file, List<String> problems) {
        ContentScan content = file.content();
        if (content == null) {
            return;
        }
        List<String> markerProblems = content.markerProblems();
        for (String problem : markerProblems) {
            problems.add(file.relativePath() + ": " + problem);
        }
        if (!markerProblems.isEmpty()) {
            // Until the markers are right, what counts as the up section is guesswork.
            return;
        }
        if (file.named().role() == Role.DOWN) {
            if (content.hasSections()) {
                problems.add(file.relativePath() + ": line " + content.upMarkerLine()
                        + ": a down migration cannot have a '-- migrate:up' section");
            }
        } else if (content.hasSections()) {
            if (content.upBlank()) {
                problems.add(file.relativePath() + ": line " + content.upMarkerLine()
                        + ": the '-- migrate:up' section is empty; write the migration's SQL below the marker");
            }
        } else if (content.wholeBlank()) {
            problems.add(file.relativePath() + ": the file is empty; write the migration's SQL"
                    + " (only a down migration may be empty)");
        }
    }

    private Migration migration(Found file, Kind kind, Optional<DownMigration> down) {
        ContentScan content = file.content();
        Named named = file.named();
        if (content == null) {
            // Already reported; the placeholder keeps pairing going so every other problem is found too.
            return new Migration(named.version(), named.description(), kind, named.layout(), file.file(),
                    file.relativePath(), "", 0, 0, down);
        }
        if (content.hasSections()) {
            int endLine = content.downMarkerLine() > content.upMarkerLine() ? content.downMarkerLine() - 1 : 0;
            return new Migration(named.version(), named.description(), kind, Layout.DBMATE, file.file(),
                    file.relativePath(), content.upChecksum(), content.upMarkerLine(), endLine, down);
        }
        return new Migration(named.version(), named.description(), kind, named.layout(), file.file(),
                file.relativePath(), content.wholeChecksum(), 0, 0, down);
    }

    /** The {@code -- migrate:down} section of a dbmate file, if it has one after its up section. */
    private static Optional<DownMigration> sectionDown(Found file) {
        ContentScan content = file.content();
        if (content == null || !content.hasSections() || content.downMarkerLine() <= content.upMarkerLine()) {
            return Optional.empty();
        }
        return Optional.of(new DownMigration(file.file(), file.relativePath(), content.downChecksum(),
                content.downMarkerLine(), 0, content.downBlank()));
    }

    private static DownMigration downFile(Found file) {
        ContentScan content = file.content();
        return content == null
                ? new DownMigration(file.file(), file.relativePath(), "", 0, 0, false)
                : new DownMigration(file.file(), file.relativePath(), content.wholeChecksum(), 0, 0, content.wholeBlank());
    }

    private static String paths(List<Found> files) {
        return files.stream().map(Found::shown).collect(Collectors.joining(", "));
    }

    private static String versionTexts(List<Found> files) {
        List<String> texts = files.stream().map(f -> f.named().version().text()).distinct().toList();
        return String.join(" = ", texts);
    }
}
