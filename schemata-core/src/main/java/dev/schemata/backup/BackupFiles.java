package dev.schemata.backup;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** File-system rules for backups: owner-only files and directories, atomic placement, checksums. */
final class BackupFiles {
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private BackupFiles() {
    }

    /** The directory, created owner-only (0700) when missing; fails clearly when it cannot be written. */
    static Path prepareDirectory(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(absolute)) {
                if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) {
                    Files.createDirectories(absolute.getParent());
                }
                Files.createDirectory(absolute, OWNER_ONLY_DIR);
            }
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
