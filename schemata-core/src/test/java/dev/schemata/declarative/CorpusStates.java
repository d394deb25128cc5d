package dev.schemata.declarative;

import dev.schemata.connect.Database;
import dev.schemata.testing.SharedData;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Databases in the state a real project's migration history left them after its first k migrations
 * (Diesel layouts from the shared corpus, each up.sql sent as one script), each built once per test run
 * and copied (as a template) for every test that needs it.
 */
final class CorpusStates {
    private final TestCluster cluster;
    private final Map<String, TestDatabase> built = new HashMap<>();

    CorpusStates(TestCluster cluster) {
        this.cluster = cluster;
    }

    /** The migration folders of a corpus project, in apply order; empty when the corpus is absent. */
    static Optional<List<Path>> migrations(String project) {
        String sub = project.equals("vaultwarden") ? "vaultwarden/migrations/postgresql" : "lemmy/migrations";
        Optional<Path> root = SharedData.corpus().map(c -> c.resolve(sub)).filter(Files::isDirectory);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(root.get())) {
            return Optional.of(folders.filter(f -> Files.isRegularFile(f.resolve("up.sql"))).sorted().toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh copy of the state after the first {@code k} migrations. */
    TestDatabase copyOf(String project, int k) {
        TestDatabase state = built.computeIfAbsent(project + "_" + k, key -> build(project, k));
        TestDatabase copy = cluster.newDatabase();
        String name = copy.name();
        try (Connection c = Database.connect(cluster.settings("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + name);
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + state.name() + " STRATEGY FILE_COPY");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return copy;
    }

    private TestDatabase build(String project, int k) {
        TestDatabase db = cluster.newDatabase();
        List<Path> folders = migrations(project).orElseThrow();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Path folder : folders.subList(0, k)) {
                s.execute(Files.readString(folder.resolve("up.sql")));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(project + " migration failed: " + e.getMessage(), e);
        }
        return db;
    }
}
