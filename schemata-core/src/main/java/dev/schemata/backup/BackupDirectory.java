package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The backups in one directory, and retention over them. A file is a backup only when a Schemata
 * manifest beside it ({@code <file>.json}) names it: every other file, whatever its name, is never listed
 * as a backup and never deleted.
 */
public final class BackupDirectory {
    private final Path dir;

    public BackupDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** What a directory holds: our backups (newest first) and how many other files there are. */
    public record Listing(List<StoredBackup> backups, List<Path> otherFiles) {
    }

    /** What retention decided. */
    public record PruneResult(List<StoredBackup> kept, List<StoredBackup> deleted) {
    }

    public Path dir() {
        return dir;
    }

    public Listing list() {
        if (!Files.isDirectory(dir)) {
            return new Listing(List.of(), List.of());
        }
        List<StoredBackup> backups = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(BackupFiles.GITIGNORE))
                    .sorted().toList();
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(BackupManifest.SUFFIX) && Files.isRegularFile(dir.resolve(name.substring(0, name.length() - BackupManifest.SUFFIX.length())))) {
                continue; // a manifest: listed with its backup (or counted below when its backup is not ours)
            }
            try {
                backups.add(new StoredBackup(file, BackupManifest.read(file)));
            } catch (SchemataException notOurs) {
                others.add(file);
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(BackupManifest.SUFFIX) && backups.stream().noneMatch(b -> BackupManifest.pathFor(b.file()).equals(file))
                    && !others.contains(file)) {
                others.add(file);
            }
        }
        backups.sort(Comparator.comparing((StoredBackup b) -> b.manifest().createdAt()).reversed());
        return new Listing(List.copyOf(backups), List.copyOf(others));
    }

    /**
     * Applies retention per database: the newest backup of each database is always kept; so is every backup
     * younger than {@code keepDays} days and each of the {@code keepLast} newest. Everything else of ours is
     * deleted (file, then manifest) unless {@code dryRun}.
     *
     * @param keepDays null to keep nothing for its age
     * @param keepLast null to keep nothing for its rank (the newest is kept anyway)
     */
    public PruneResult prune(Integer keepDays, Integer keepLast, Instant now, boolean dryRun) {
        if (keepDays == null && keepLast == null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "say what to keep: --keep-days N and/or --keep-last N"
                    + " (or backup_keep_days / backup_keep_last in schemata.toml)");
        }
        if (keepDays != null && keepDays < 0) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--keep-days must be >= 0, got " + keepDays);
        }
        if (keepLast != null && keepLast < 1) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--keep-last must be >= 1, got " + keepLast);
        }
        Map<String, List<StoredBackup>> byDatabase = new LinkedHashMap<>();
        for (StoredBackup b : list().backups()) {
            byDatabase.computeIfAbsent(b.manifest().database(), k -> new ArrayList<>()).add(b);
        }
        List<StoredBackup> kept = new ArrayList<>();
        List<StoredBackup> deleted = new ArrayList<>();
        Instant cutoff = keepDays == null ? null : now.minus(Duration.ofDays(keepDays));
        for (List<StoredBackup> newestFirst : byDatabase.values()) {
            for (int i = 0; i < newestFirst.size(); i++) {
                StoredBackup b = newestFirst.get(i);
                boolean keep = i == 0
                        || (cutoff != null && b.manifest().createdAt().isAfter(cutoff))
                        || (keepLast != null && i < keepLast);
                (keep ? kept : deleted).add(b);
            }
        }
        if (!dryRun) {
            for (StoredBackup b : deleted) {
                try {
                    Files.deleteIfExists(b.file());
                    Files.deleteIfExists(BackupManifest.pathFor(b.file()));
                } catch (IOException e) {
                    throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot delete " + b.file() + ": " + e.getMessage(), e);
                }
            }
        }
        return new PruneResult(List.copyOf(kept), List.copyOf(deleted));
    }
}
