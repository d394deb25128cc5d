package dev.schemata.devdb;

import dev.schemata.BuildInfo;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;
import dev.schemata.connect.HostPort;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Throwaway databases on a scratch cluster of a given major version, and on a server someone else runs. */
@ExtendWith(PostgresExtension.class)
class ScratchServerTest {
    @TempDir
    Path project;

    @Test
    void scratchClusterIsCreatedOnceStartedForTheCommandAndStoppedAfter(TestCluster test) throws Exception {
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxr-xr-x"));
        int major = test.binaries().major();
        Environment env = Environment.current();
        BinaryLocator locator = new BinaryLocator(env, BuildInfo.load(), line -> { });
        ServerUser user = ServerUser.detect(env);
        DevDatabase dev = new DevDatabase(project.resolve(".schemata/dev"), locator, BinarySpec.automatic(), user);
        List<String> notices = new ArrayList<>();

        Cluster cluster;
        try (ScratchServer server = ScratchServer.forMajor(major, dev, project, locator, user, false, notices::add)) {
            assertThat(server.major()).isEqualTo(major);
            cluster = server.startedCluster().orElseThrow();
            assertThat(cluster.dataDir()).isEqualTo(project.resolve(".schemata/scratch-" + major + "/data").toAbsolutePath());
            String name;
            long started = System.nanoTime();
            try (ScratchServer.ScratchDatabase db = server.create(); Connection c = db.connect()) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                name = db.settings().database();
                c.createStatement().execute("CREATE TABLE t (id int)");
            }
            try (ScratchServer.ScratchDatabase other = server.create(); Connection c = other.connect();
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the first database was dropped").isZero();
            }
        }
        assertThat(cluster.running()).as("stopped after the command").isEmpty();
        assertThat(project.resolve(".schemata/.gitignore")).as("kept out of git").hasContent("*");
        assertThat(notices).hasSize(1);

        notices.clear();
        try (ScratchServer again = ScratchServer.forMajor(major, dev, project, locator, user, false, notices::add)) {
            assertThat(notices).as("created only once").isEmpty();
        }
    }

    @Test
    void serverRunBySomeoneElseIsNotStopped(TestCluster test) throws SQLException {
        try (ScratchServer server = ScratchServer.on(test.settings("postgres"))) {
            assertThat(server.startedCluster()).isEmpty();
            try (ScratchServer.ScratchDatabase db = server.create(); Connection c = db.connect()) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
        assertThat(test.cluster().running()).isPresent();
    }

    @Test
    void unreachableServerIsAConnectionFailure() {
        ConnectionSettings settings = new ConnectionSettings(List.of(new HostPort("127.0.0.1", 1)), "postgres",
                "postgres", null, Map.of(), "test");
        assertThatThrownBy(() -> ScratchServer.on(settings)).hasMessageContaining("127.0.0.1:1");
    }
}
