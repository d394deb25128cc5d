package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.OtherUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev database from a directory the server's user cannot enter (as root: a {@code mktemp -d}
 * directory), with a password that only {@code dev url} prints.
 */
class DevCommandTest {
    @TempDir
    Path project;

    @Test
    @SuppressWarnings("unchecked")
    void startsFromAPrivateDirectoryAndOnlyDevUrlShowsThePassword() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project))).isEqualTo("rwx------");
        CliRunner cli = new CliRunner(project);
        try {
            CliRunner.Result start = cli.run("dev", "start");
            assertThat(start.exitCode()).as(start.all()).isZero();
            assertThat(start.out().strip()).startsWith("postgresql://postgres:***@127.0.0.1:").endsWith("/dev");
            assertThat(start.err()).contains("created and started the dev database").contains("; `schemata dev stop` stops it");

            Map<String, Object> status = (Map<String, Object>) Json.parse(cli.run("dev", "status", "--json").out());
            Path data = Path.of((String) status.get("dataDirectory"));
            Path passwordFile = data.resolveSibling("password");
            String password = Files.readString(passwordFile).strip();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            if ("root".equals(System.getProperty("user.name"))) {
                // The server's user cannot enter the project: the data is kept where it can, and the notice says so.
                assertThat(data.startsWith(project)).as("data outside the project: %s", data).isFalse();
                assertThat(start.err()).contains("data in " + data).contains("cannot reach " + project.resolve(".schemata/dev"));
                assertThat(cli.run("dev", "status").out()).contains("(data in " + data + ")");
            }

            CliRunner.Result url = cli.run("dev", "url");
            assertThat(url.out().strip()).isEqualTo("postgresql://postgres:" + password + "@127.0.0.1:" + status.get("port") + "/dev");
            assertThat(cli.run("dev", "url", "--database", "demo").out()).contains(password + "@").contains("/demo");
            for (String output : List.of(start.all(), cli.run("dev", "status").all(), cli.run("dev", "status", "--json").all(),
                    cli.run("status").all())) {
                assertThat(output).doesNotContain(password);
            }
            // What the README shows: psql "$(schemata dev url)".
            Path psql = Path.of((String) status.get("binaries")).resolve("psql");
            if (Files.isExecutable(psql)) {
                Process p = new ProcessBuilder(psql.toString(), "-X", "-w", "-At", "-c", "select current_user", url.out().strip())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor()).as(out).isZero();
                assertThat(out.strip()).isEqualTo("postgres");
            }
            if ("root".equals(System.getProperty("user.name"))) {
                OtherUser.assertRefused(Files.isExecutable(psql) ? psql : Path.of("psql"), data,
                        ((Long) status.get("port")).intValue(), password);
            }
        } finally {
            cli.run("dev", "destroy");
        }
        assertThat(project.resolve(".schemata/dev")).doesNotExist();
    }
}
