package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds where a {@code classpath:} location is, without a scanning framework: every URL the class loader
 * gives for the folder is a classes directory ({@code file:}) or a folder inside a jar ({@code jar:}),
 * including Spring Boot's nested jars in both forms, {@code jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/db/migration}
 * (Boot 3.2 and later) and {@code jar:file:/app.jar!/BOOT-INF/lib/x.jar!/db/migration} (earlier).
 */
final class ClasspathLocations {
    private ClasspathLocations() {
    }

    /** One place a location's migrations are listed from; {@code shown} names it in messages. */
    sealed interface Root permits Folder, JarFolder {
        String shown();
    }

    /** A directory on disk (a {@code filesystem:} location, or a classes directory on the class path). */
    record Folder(Path directory, String shown) implements Root {
    }

    /**
     * The entries below {@code prefix} ({@code /}-terminated, or empty for the whole jar) of {@code jar}, or of
     * the jar stored as entry {@code nestedJar} in it.
     */
    record JarFolder(Path jar, String nestedJar, String prefix, String shown) implements Root {
    }

    /**
     * The roots of a classpath location, one per classes directory or jar that holds the folder.
     *
     * @throws SchemataException with {@code BAD_INPUT} when no class path entry holds it or a URL is of a kind
     *         that cannot be read
     */
    static List<Root> resolve(MigrationLocation.Classpath location, ClassLoader loader) {
        Set<URL> urls = new LinkedHashSet<>();
        try {
            urls.addAll(Collections.list(loader.getResources(location.path())));
            urls.addAll(Collections.list(loader.getResources(location.path() + "/")));
        } catch (IOException e) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "cannot look up migrations location " + location
                    + " on the class path: " + e.getMessage(), e);
        }
        if (urls.isEmpty()) {
            throw new SchemataException(ErrorCode.BAD_INPUT, "migrations location " + location
                    + " is not on the class path: no classes directory or jar holds " + location.path() + "/");
        }
        // The folder and the folder with a trailing slash usually give the same URL; each place is read once.
        Set<Root> roots = new LinkedHashSet<>();
        for (URL url : urls) {
            roots.add(root(url, location));
        }
        return List.copyOf(roots);
    }

    static Root root(URL url, MigrationLocation.Classpath location) {
        String shown = url.toString().replaceAll("/+$", "");
        try {
            if (url.getProtocol().equals("file")) {
                return new Folder(Path.of(url.toURI()), shown);
            }
            if (url.getProtocol().equals("jar")) {
                String spec = url.toString().substring("jar:".length());
                return spec.startsWith("nested:") ? nested(spec.substring("nested:".length()), shown) : jar(spec, shown);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw unsupported(url, location, e.getMessage());
        }
        throw unsupported(url, location, "only file: and jar: URLs can be read");
    }

    /** Boot 3.2's {@code /path/app.jar/!BOOT-INF/lib/x.jar!/db/migration} or {@code …/!BOOT-INF/classes/!/db/migration}. */
    private static Root nested(String spec, String shown) {
        int outerEnd = spec.indexOf("/!");
        int innerEnd = spec.indexOf("!/", outerEnd + 2);
        if (outerEnd < 0 || innerEnd < 0) {
            throw new IllegalArgumentException("not a nested jar URL");
        }
        // Boot documents the part after nested: as a file-system path, percent-encoded in URLs.
        Path jar = Path.of(URLDecoder.decode(spec.substring(0, outerEnd).replace("+", "%2B"), StandardCharsets.UTF_8));
        String nested = spec.substring(outerEnd + 2, innerEnd);
        String folder = spec.substring(innerEnd + 2);
        return nested.endsWith("/")
                ? new JarFolder(jar, null, prefix(nested + folder), shown)
                : new JarFolder(jar, nested, prefix(folder), shown);
    }

    /** {@code file:/app.jar!/db/migration}, or the older Boot forms with a nested jar or classes folder in the middle. */
    private static Root jar(String spec, String shown) throws URISyntaxException {
        String[] parts = spec.split("!/", -1);
        if (!parts[0].startsWith("file:") || parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("not a jar file URL");
        }
        Path jar = Path.of(new URI(parts[0]));
        if (parts.length == 2) {
            return new JarFolder(jar, null, prefix(parts[1]), shown);
        }
        return parts[1].endsWith(".jar")
                ? new JarFolder(jar, parts[1], prefix(parts[2]), shown)
                : new JarFolder(jar, null, prefix(parts[1] + "/" + parts[2]), shown);
    }

    private static String prefix(String folder) {
        String trimmed = folder.replaceAll("^/+|/+$", "").replaceAll("/{2,}", "/");
        return trimmed.isEmpty() ? "" : trimmed + "/";
    }

    private static SchemataException unsupported(URL url, MigrationLocation.Classpath location, String why) {
        return new SchemataException(ErrorCode.BAD_INPUT, "migrations location " + location + " is at " + url
                + ", which cannot be read: " + why);
    }
}
