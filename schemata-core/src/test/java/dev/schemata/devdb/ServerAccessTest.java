package dev.schemata.devdb;

import dev.schemata.BuildInfo;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.connect.Environment;
import dev.schemata.testing.OtherUser;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The servers Schemata runs (test server, dev database, scratch clusters) let no other local OS user in,
 * and the project's SQL on a throwaway database runs as a role that is no superuser.
 */
@ExtendWith(PostgresExtension.class)
class ServerAccessTest {
    @TempDir
    Path project;

    private static Path psql(TestCluster test) {
        return test.binaries().client("psql").orElse(Path.of("psql"));
    }

    private static String password(Cluster cluster) throws Exception {
        return Files.readString(cluster.passwordFile()).strip();
    }

    private static void assertOwnerOnly(Path file) throws Exception {
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theTestServerRefusesOtherLocalUsers(TestCluster test) throws Exception {
        OtherUser.assumeRoot();
        Cluster cluster = test.cluster();
        OtherUser.assertRefused(psql(test), cluster.dataDir(), cluster.running().orElseThrow().port(), password(cluster));
        assertOwnerOnly(cluster.passwordFile());
        assertThat(Files.readString(cluster.dataDir().resolve("pg_hba.conf"))).doesNotContain("trust");
    }

    @Test
    void theDevDatabaseRefusesOtherLocalUsersAndAnOlderTrustingOneGetsAPassword(TestCluster test) throws Exception {
        OtherUser.assumeRoot();
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxr-xr-x"));
        Environment env = Environment.current();
        ServerUser user = ServerUser.detect(env);
        DevDatabase dev = new DevDatabase(project.resolve(".schemata/dev"), new BinaryLocator(env, BuildInfo.load(), line -> { }),
                new BinarySpec(test.binaries().binDir(), null), user);
        List<String> notices = new ArrayList<>();
        try {
            ConnectionSettings settings = dev.ensureRunning(notices::add);
            Cluster cluster = new Cluster(test.binaries(), dev.dataDir(), user);
            assertThat(cluster.passwordFile()).isEqualTo(project.resolve(".schemata/dev/password").toAbsolutePath());
            assertOwnerOnly(cluster.passwordFile());
            assertThat(settings.password()).isEqualTo(password(cluster));
            assertThat(String.join("\n", notices)).doesNotContain(settings.password());
            OtherUser.assertRefused(psql(test), cluster.dataDir(), settings.hosts().get(0).port(), settings.password());

            // A cluster of an older version: no password file, everyone trusted, already running.
            dev.stop();
            Files.delete(cluster.passwordFile());
            Files.writeString(cluster.dataDir().resolve("pg_hba.conf"), "local all all trust\nhost all postgres 127.0.0.1/32 trust\n");
            Processes.Result started = Processes.run(user.wrap(List.of(test.binaries().program("pg_ctl").toString(), "-D",
                    cluster.dataDir().toString(), "-l", cluster.dataDir().resolve("server.log").toString(), "-w", "-s", "start")),
                    cluster.dataDir(), Duration.ofSeconds(60));
            assertThat(started.ok()).as(started.output()).isTrue();
            int port = cluster.running().orElseThrow().port();
            assertThat(OtherUser.psql(psql(test), "127.0.0.1", port, null).exitCode()).as("the old cluster trusts nobody").isZero();

            notices.clear();
            ConnectionSettings upgraded = dev.ensureRunning(notices::add);
            assertThat(String.join("\n", notices)).contains("trusted every local user").contains("giving it a password");
            assertOwnerOnly(cluster.passwordFile());
            OtherUser.assertRefused(psql(test), cluster.dataDir(), upgraded.hosts().get(0).port(), upgraded.password());
            try (Connection c = Database.connect(upgraded)) {
                assertThat(c.isValid(2)).isTrue();
            }
        } finally {
            dev.destroy();
        }
    }

    @Test
    void aScratchClusterRefusesOtherLocalUsers(TestCluster test) throws Exception {
        OtherUser.assumeRoot();
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxr-xr-x"));
        Environment env = Environment.current();
        BinaryLocator locator = new BinaryLocator(env, BuildInfo.load(), line -> { });
        ServerUser user = ServerUser.detect(env);
        DevDatabase dev = new DevDatabase(project.resolve(".schemata/dev"), locator, BinarySpec.automatic(), user);
        try (ScratchServer server = ScratchServer.forMajor(test.binaries().major(), dev, project, locator, user, false, line -> { })) {
            Cluster cluster = server.startedCluster().orElseThrow();
            assertOwnerOnly(cluster.passwordFile());
            OtherUser.assertRefused(psql(test), cluster.dataDir(), cluster.running().orElseThrow().port(), password(cluster));
        }
    }

    @Test
    void asRootInADirectoryTheServerUserCannotEnterTheDevDatabaseLivesInTheCache(TestCluster test) throws Exception {
        OtherUser.assumeRoot();
        Path cache = Files.createTempDirectory("schemata-cache-");
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> vars = new HashMap<>(System.getenv());
        vars.put("SCHEMATA_CACHE_DIR", cache.toString());
        Environment env = new Environment(vars, Path.of(System.getProperty("user.home")), "root");
        Path root = project.resolve("work/.schemata/dev");
        ServerUser user = ServerUser.detect(env);
        DevDatabase dev = new DevDatabase(root, new BinaryLocator(env, BuildInfo.load(), line -> { }),
                new BinarySpec(test.binaries().binDir(), null), user);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project))).isEqualTo("rwx------");
        List<String> notices = new ArrayList<>();
        try {
            ConnectionSettings settings = dev.ensureRunning(notices::add);
            Path data = dev.dataDir();
            assertThat(data).startsWith(cache.resolve("clusters")).endsWith(Path.of("data"));
            assertThat(String.join("\n", notices)).contains("data in " + data).contains("cannot reach " + root);
            assertThat(dev.status().dataDirectory()).isEqualTo(data);
            try (Connection c = Database.connect(settings); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(DevDatabase.DATABASE);
            }
            Cluster cluster = new Cluster(test.binaries(), data, user);
            assertOwnerOnly(cluster.passwordFile());
            OtherUser.assertRefused(psql(test), data, settings.hosts().get(0).port(), settings.password());
            dev.stop();
            assertThat(dev.ensureRunning(line -> { }).password()).as("found again on the next start").isEqualTo(settings.password());
        } finally {
            dev.destroy();
        }
        assertThat(cache.resolve("clusters")).isEmptyDirectory();
        MavenBinaries.deleteTree(cache);
    }

    @Test
    void scratchDatabasesBelongToARoleThatIsNoSuperuser(TestCluster test) throws SQLException {
        String role;
        try (ScratchServer server = ScratchServer.on(test.settings("postgres"));
             ScratchServer.ScratchDatabase db = server.create(); Connection c = db.connect(); Statement s = c.createStatement()) {
            role = db.settings().user();
            assertThat(role).isNotEqualTo(Cluster.SUPERUSER);
            try (ResultSet rs = s.executeQuery("SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, d.datdba::regrole::text"
                    + " FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("superuser").isFalse();
                assertThat(rs.getBoolean(2)).as("createrole").isFalse();
                assertThat(rs.getBoolean(3)).as("createdb").isFalse();
                assertThat(rs.getString(4)).as("the database's owner").isEqualTo(role);
            }
            s.execute("CREATE EXTENSION pgcrypto");
            assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO PROGRAM 'id'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            assertThat(server.privilegeHint(new SQLException("x", "42501"))).contains("--scratch-superuser");
        }
        try (Connection c = Database.connect(test.settings("postgres")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the role is dropped with the server").isZero();
        }
        try (ScratchServer server = ScratchServer.on(test.settings("postgres"), true);
             ScratchServer.ScratchDatabase db = server.create()) {
            assertThat(db.settings().user()).as("the user's explicit choice").isEqualTo(Cluster.SUPERUSER);
        }
    }
}
