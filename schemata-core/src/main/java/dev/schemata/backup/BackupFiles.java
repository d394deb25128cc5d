package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** File-system rules for backups: owner-only files and directories, atomic placement, checksums. */
final class BackupFiles {
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    static final String GITIGNORE = ".gitignore";
    /** What {@link PartialFile} names a backup or manifest while it is written. */
    private static final Pattern PARTIAL = Pattern.compile("\\..+(\\.dump|\\.sql\\.gz)(\\.json)?\\.partial");

    private BackupFiles() {
    }

    /**
     * The directory, created owner-only (0700) when missing; fails clearly when it cannot be written. A
     * {@code .gitignore} holding {@code *} is written into a directory we create, and into an existing one
     * inside a git working tree that has none, so that {@code git add .} never commits a dump.
     */
    static Path prepareDirectory(Path dir, Consumer<String> notices) {
        Path absolute = dir.toAbsolutePath().normalize();
        boolean created = false;
        try {
            if (!Files.isDirectory(absolute)) {
                if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) {
                    Files.createDirectories(absolute.getParent());
                }
                Files.createDirectory(absolute, OWNER_ONLY_DIR);
                created = true;
            }
        } catch (AccessDeniedException e) {
            throw notWritable(absolute, "permission denied");
        } catch (IOException e) {
            throw notWritable(absolute, e.toString());
        }
        if (!created) {
            refuseMigrationsDirectory(absolute);
        }
        try {
            keepOutOfGit(absolute, created, "the backups", notices);
        } catch (AccessDeniedException e) {
            throw notWritable(absolute, "permission denied");
        } catch (IOException e) {
            throw notWritable(absolute, e.toString());
        }
        Path probe = absolute.resolve(".schemata-write-test");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe, OWNER_ONLY);
            Files.delete(probe);
        } catch (IOException e) {
            throw notWritable(absolute, e instanceof AccessDeniedException ? "permission denied" : e.toString());
        }
        return absolute;
    }

    /**
     * A migrations directory is no backup directory: its {@code .gitignore} of {@code *} would hide every new
     * migration from git. Easily asked for, as {@code schemata --dir db/migrations backup} gives backup's own
     * {@code --dir}.
     */
    private static void refuseMigrationsDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            Optional<String> migration = files.map(f -> f.getFileName().toString())
                    .filter(name -> MIGRATION_NAME.matcher(name).matches()).sorted().findFirst();
            if (migration.isPresent()) {
                throw new SchemataException(ErrorCode.BAD_INPUT, "the backup directory " + dir + " holds migrations ("
                        + migration.get() + "): backups there would be mistaken for them and its .gitignore would hide new"
                        + " migrations from git; choose another with --dir or backup_dir (backup's --dir is the backup"
                        + " directory, also when written before the command name)");
            }
        } catch (IOException e) {
            throw notWritable(dir, e.toString());
        }
    }

    /** Names of versioned, repeatable and undo migrations: 001_x.sql, V1__x.sql, R__x.sql, U1__x.sql. */
    private static final Pattern MIGRATION_NAME = Pattern.compile("(?:[0-9]+_.+|[VU][0-9][^_]*__.+|R__.+)\\.sql");

    /**
     * Writes a {@code .gitignore} holding {@code *} into {@code dir} when we created it, or when it lies inside a
     * git working tree and has none, so that {@code git add .} never commits a database's rows; one the user
     * wrote is kept.
     */
    static void keepOutOfGit(Path dir, boolean created, String what, Consumer<String> notices) throws IOException {
        Path ignore = dir.resolve(GITIGNORE);
        if (!Files.exists(ignore, LinkOption.NOFOLLOW_LINKS) && (created || insideGitWorkTree(dir))) {
            Files.writeString(ignore, "# Written by schemata: " + what + " here hold a database's rows, never commit them.\n*\n");
            if (!created) {
                notices.accept("wrote " + ignore + " so that git ignores " + what + " in " + dir);
            }
        }
    }

    private static boolean insideGitWorkTree(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes the partial files that interrupted backups of this directory left behind (a kill, a crash). A
     * backup holds a lock on its partial files while it writes them, so those of a backup still running
     * are left alone. Returns the names of the files deleted.
     */
    static List<String> removeStalePartials(Path dir) {
        List<Path> candidates;
        try (Stream<Path> files = Files.list(dir)) {
            candidates = files.filter(f -> PARTIAL.matcher(f.getFileName().toString()).matches())
                    .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<String> removed = new ArrayList<>();
        for (Path file : candidates) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    Files.delete(file);
                    removed.add(file.getFileName().toString());
                }
            } catch (OverlappingFileLockException | IOException e) {
                // in use by a backup of this process, or gone already
            }
        }
        return removed;
    }

    /**
     * A file written under a temporary name ({@code .<name>.partial}), locked while it is written, and moved
     * to its name only when complete; closing it before {@link #moveTo} deletes it.
     */
    static final class PartialFile implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;
        private boolean moved;

        private PartialFile(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        static PartialFile create(Path target) throws IOException {
            Path path = target.resolveSibling("." + target.getFileName() + ".partial");
            Files.deleteIfExists(path);
            FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY);
            try {
                channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(path);
                throw e;
            }
            return new PartialFile(path, channel);
        }

        /** The file's content; closing the stream does not release the lock. */
        OutputStream out() {
            return new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }

        void moveTo(Path target) throws IOException {
            moveIntoPlace(path, target);
            moved = true;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                if (!moved) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static SchemataException notWritable(Path dir, String why) {
        return new SchemataException(ErrorCode.OPERATION_FAILED, "the backup directory " + dir + " cannot be written ("
                + why + "); choose another with --dir or backup_dir");
    }

    static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
