package dev.schemata.maven;

import dev.schemata.BuildInfo;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;
import dev.schemata.devdb.BinaryLocator;
import dev.schemata.devdb.BinarySpec;
import dev.schemata.devdb.DevDatabase;
import dev.schemata.devdb.ServerUser;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The database a goal runs against: a configured one, or the embedded database (a dev database of
 * {@code dev.schemata.devdb} under {@code target/}), which the goal starts when it is not running and stops
 * again when it is closed, so a build leaves no server behind. Its data stays until {@code mvn clean}.
 */
final class DatabaseTarget implements AutoCloseable {
    private final ConnectionSettings settings;
    private final DevDatabase embedded;
    private final boolean stopOnClose;
    private final Consumer<String> notices;

    private DatabaseTarget(ConnectionSettings settings, DevDatabase embedded, boolean stopOnClose, Consumer<String> notices) {
        this.settings = settings;
        this.embedded = embedded;
        this.stopOnClose = stopOnClose;
        this.notices = notices;
    }

    static DatabaseTarget configured(ConnectionSettings settings) {
        return new DatabaseTarget(settings, null, false, message -> { });
    }

    static DatabaseTarget embedded(Path directory, Path pgBin, String pgVersion, boolean keepRunning, Consumer<String> notices) {
        Environment env = Environment.current();
        DevDatabase dev = new DevDatabase(directory, new BinaryLocator(env, BuildInfo.load(), notices),
                BinarySpec.of(env, pgBin, pgVersion), ServerUser.detect(env));
        boolean wasRunning = dev.status().running();
        // The goal stops it itself: no hint on how to.
        ConnectionSettings settings = dev.describedAs("embedded database", null).ensureRunning(notices);
        return new DatabaseTarget(settings.withSource("the embedded database"), dev, !wasRunning && !keepRunning, notices);
    }

    ConnectionSettings settings() {
        return settings;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (stopOnClose && embedded.stop()) {
            notices.accept("stopped the embedded database");
        }
    }
}
