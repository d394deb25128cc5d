package dev.schemata.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared test data (real migrations from other projects) that sits beside the repository. It is
 * not part of a fresh clone, so tests that need it skip when it is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The corpus folder, if present: system property {@code schemata.shared.dir}, else a {@code shared}
     * folder beside the working directory or any of its parents. */
    public static Optional<Path> corpus() {
        String configured = System.getProperty("schemata.shared.dir");
        if (configured != null && !configured.isBlank()) {
            Path corpus = Path.of(configured).resolve("corpus");
            return Files.isDirectory(corpus) ? Optional.of(corpus.toAbsolutePath().normalize()) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path corpus = dir.resolveSibling("shared").resolve("corpus");
            if (dir.getParent() != null && Files.isDirectory(corpus)) {
                return Optional.of(corpus.normalize());
            }
        }
        return Optional.empty();
    }
}
