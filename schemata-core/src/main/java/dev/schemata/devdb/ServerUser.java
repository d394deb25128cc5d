package dev.schemata.devdb;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Environment;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who runs the server. PostgreSQL refuses to run as root, so when Schemata itself runs as root (CI,
 * containers) the server programs are started through {@code runuser} as an unprivileged user:
 * {@code SCHEMATA_PG_USER}, else {@code postgres}, else {@code nobody}.
 *
 * @param name the user to run as, or null to run as the current user
 */
public record ServerUser(String name, Path runuser) {

    public static ServerUser detect(Environment env) {
        if (!isRoot()) {
            return new ServerUser(null, null);
        }
        String name = env.get("SCHEMATA_PG_USER").orElseGet(() -> exists("postgres") ? "postgres" : "nobody");
        if (!exists(name)) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "PostgreSQL refuses to run as root, and the user \"" + name
                    + "\" to run it as does not exist. Create one (useradd --system postgres) or set SCHEMATA_PG_USER.");
        }
        Path runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")
                .map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new SchemataException(ErrorCode.BAD_CONFIG,
                        "PostgreSQL refuses to run as root and runuser (util-linux) is not installed to start it as \""
                                + name + "\". Install util-linux, or run schemata as a non-root user."));
        return new ServerUser(name, runuser);
    }

    public boolean isSeparate() {
        return name != null;
    }

    List<String> wrap(List<String> command) {
        if (name == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(runuser.toString(), "-u", name, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands a directory we created to the server user, so that initdb can write into it. */
    void own(Path dir) {
        if (name == null) {
            return;
        }
        try {
            UserPrincipal principal = lookup().lookupPrincipalByName(name);
            Files.setOwner(dir, principal);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot give " + dir + " to user " + name + ": " + e.getMessage(), e);
        }
    }

    /** Fails clearly when the server user cannot reach a directory (e.g. a project under /root). */
    void checkReachable(Path dir) {
        unreachableAncestor(dir).ifPresent(p -> {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "PostgreSQL runs as user \"" + name
                    + "\" (it refuses to run as root), and that user cannot reach " + dir + " because " + p
                    + " is not searchable by others. Work in a directory other users can reach, or set"
                    + " SCHEMATA_DEV_DIR to one.");
        });
    }

    /** The first directory above {@code dir} that the server user may not search, if any. */
    private Optional<Path> unreachableAncestor(Path dir) {
        if (name == null) {
            return Optional.empty();
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)
                        && !Files.getOwner(p).getName().equals(name)) {
                    return Optional.of(p);
                }
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Where a cluster meant for {@code preferred} keeps its data: there, unless the server runs as another
     * user who cannot reach it (as root in {@code /root} or a {@code mktemp -d} directory); then under
     * {@code <cache>/clusters/<hash of preferred>/data}, which that user can reach. A cluster that already
     * exists in either place stays where it is.
     */
    public Path dataDirFor(Path preferred, java.util.function.Supplier<Path> cacheDir) {
        Path wanted = preferred.toAbsolutePath().normalize();
        if (name == null) {
            return wanted;
        }
        Path moved = cacheDir.get().toAbsolutePath().normalize().resolve("clusters").resolve(hash(wanted.toString())).resolve("data");
        if (Files.exists(wanted.resolve("PG_VERSION"))) {
            return wanted;
        }
        if (Files.exists(moved.resolve("PG_VERSION")) || unreachableAncestor(wanted).isPresent()) {
            return moved;
        }
        return wanted;
    }

    /**
     * Creates the directories from {@code <cacheDir>/clusters} down to {@code dir}'s parent, searchable (not
     * readable) by the server user; the cache directory itself is left as the user made it.
     */
    void openPath(Path cacheDir, Path dir) {
        if (name == null) {
            return;
        }
        Path top = cacheDir.resolve("clusters");
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            for (Path p = dir.toAbsolutePath().getParent(); p != null && p.startsWith(top.toAbsolutePath()); p = p.getParent()) {
                Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(p));
                if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(p, perms);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // checkReachable then says which directory is in the way
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean exists(String user) {
        try {
            lookup().lookupPrincipalByName(user);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static UserPrincipalLookupService lookup() {
        return FileSystems.getDefault().getUserPrincipalLookupService();
    }
}
