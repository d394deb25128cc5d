package dev.schemata.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a SARIF 2.1.0 log that every command writing one shares: the envelope with its one run, and a
 * file location. The commands describe their own rules and results.
 */
public final class Sarif {
    private Sarif() {
    }

    /** A log with one run of the tool {@code schemata}. */
    public static Map<String, Object> log(String toolVersion, List<Map<String, Object>> rules, List<Map<String, Object>> results) {
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "schemata");
        driver.put("version", toolVersion);
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("columnKind", "utf16CodeUnits");
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    /**
     * A physical location: the file (relative to the source root, or absolute) and, when known (above 0), the
     * line and column, with the text there when given.
     */
    public static Map<String, Object> physicalLocation(String file, int line, int column, String snippet) {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("uri", uri(file));
        if (!isAbsolute(file)) {
            artifact.put("uriBaseId", "%SRCROOT%");
        }
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", artifact);
        if (line > 0) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", line);
            if (column > 0) {
                region.put("startColumn", column);
            }
            if (snippet != null) {
                region.put("snippet", Map.of("text", snippet));
            }
            physical.put("region", region);
        }
        return physical;
    }

    private static boolean isAbsolute(String file) {
        return file.startsWith("/") || file.matches("^[A-Za-z]:[\\\\/].*");
    }

    /** A relative path as a URI reference; an absolute one as a file: URI. */
    private static String uri(String file) {
        String path = file.replace('\\', '/');
        try {
            if (isAbsolute(file)) {
                return new URI("file", null, path.startsWith("/") ? path : "/" + path, null).toASCIIString();
            }
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
