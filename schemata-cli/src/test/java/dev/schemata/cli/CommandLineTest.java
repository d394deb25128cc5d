package dev.schemata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line registers only the subcommand it names, and behaves the same for users. */
class CommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void theSubcommandNameIsTheFirstWordThatIsNotAnOptionOrItsValue() {
        assertThat(Main.subcommandName(new String[]{"migrate", "--target", "3"})).isEqualTo("migrate");
        assertThat(Main.subcommandName(new String[]{"--url", "postgresql://h/db", "-q", "status"})).isEqualTo("status");
        assertThat(Main.subcommandName(new String[]{"--env", "migrate", "status"})).isEqualTo("status");
        assertThat(Main.subcommandName(new String[]{"--env=prod", "dev", "start"})).isEqualTo("dev");
        // A command's own option before its name: its value is not a command, so the name comes later.
        assertThat(Main.subcommandName(new String[]{"--dir", "db/m", "--url", "postgresql://h/db", "status"})).isEqualTo("status");
        // Help, a misspelt command and the commands that describe all others get every subcommand.
        assertThat(Main.subcommandName(new String[]{"--help"})).isNull();
        assertThat(Main.subcommandName(new String[]{"migrat"})).isNull();
        assertThat(Main.subcommandName(new String[]{"completion"})).isNull();
        assertThat(Main.subcommandName(new String[]{"--", "migrate"})).isNull();
    }

    @Test
    void aBareVersionRequestPrintsWhatTheParserPrintsForIt() {
        CliRunner cli = new CliRunner(tmp);
        // --quiet beside it makes the parser handle the request: the same line, the same exit code.
        CliRunner.Result parsed = cli.run("--quiet", "--version");
        assertThat(parsed.exitCode()).isZero();
        assertThat(parsed.out()).startsWith("schemata ");
        for (String request : new String[]{"--version", "-V"}) {
            CliRunner.Result bare = cli.run(request);
            assertThat(bare.exitCode()).as(request).isZero();
            assertThat(bare.out()).as(request).isEqualTo(parsed.out());
            assertThat(bare.err()).as(request).isEqualTo(parsed.err()).isEmpty();
        }
    }

    @Test
    void theGlobalOptionsWithAValueAreTheOnesTheParserKnows() {
        CommandLine all = Main.commandLine(new CliRunner(tmp).context(), new String[0]);
        Set<String> withValue = all.getCommandSpec().options().stream()
                .filter(o -> o.arity().max() > 0 && !o.usageHelp() && !o.versionHelp())
                .flatMap(o -> Set.of(o.names()).stream())
                .collect(Collectors.toSet());
        assertThat(SchemataCommand.OPTIONS_WITH_VALUE).isEqualTo(withValue);
    }

    @Test
    void everySubcommandIsRegisteredUnderTheNameItDeclares() {
        CommandLine all = Main.commandLine(new CliRunner(tmp).context(), new String[0]);
        assertThat(all.getSubcommands().keySet())
                .containsExactlyElementsOf(SchemataCommand.SUBCOMMANDS.stream().map(SchemataCommand.Subcommand::name).toList());
        all.getSubcommands().forEach((name, sub) ->
                assertThat(sub.getCommandSpec().userObject().getClass().getAnnotation(CommandLine.Command.class).name())
                        .as(name).isEqualTo(name));
    }

    @Test
    void helpListsEveryCommandAndAMisspeltOneIsRefused() {
        CliRunner cli = new CliRunner(tmp);
        CliRunner.Result help = cli.run("--help");
        assertThat(help.exitCode()).isZero();
        for (SchemataCommand.Subcommand sub : SchemataCommand.SUBCOMMANDS) {
            if (!sub.name().startsWith("internal-")) {
                assertThat(help.out()).as(sub.name()).contains("  " + sub.name() + " ");
            }
        }
        CliRunner.Result typo = cli.run("statsu");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("'statsu'").contains("schemata --help");
    }

    @Test
    void optionsBeforeTheCommandNameMoveAfterTheNameOfTheCommandThatTakesThem() {
        // --dir is no option of monitor queries: left where it is, for the parser to report.
        String[] args = {"--url", "U", "--dir", "m", "--limit", "3", "-q", "monitor", "queries", "--json"};
        CommandLine monitor = Main.commandLine(new CliRunner(tmp).context(), args);
        assertThat(Main.optionsAfterCommand(monitor, args))
                .containsExactly("--url", "U", "--dir", "m", "-q", "monitor", "queries", "--limit", "3", "--json");
        String[] status = {"--dir=m", "--history-table", "h", "status", "--", "x"};
        assertThat(Main.optionsAfterCommand(Main.commandLine(new CliRunner(tmp).context(), status), status))
                .containsExactly("status", "--dir=m", "--history-table", "h", "--", "x");
    }

    @Test
    void aNamedCommandStillTakesGlobalOptionsOnEitherSide() {
        CliRunner cli = new CliRunner(tmp);
        CliRunner.Result before = cli.run("--json", "new", "--dir", tmp.resolve("m").toString(), "first");
        CliRunner.Result after = cli.run("new", "--dir", tmp.resolve("n").toString(), "second", "--json");
        assertThat(before.exitCode()).isZero();
        assertThat(after.exitCode()).isZero();
        assertThat(before.out()).contains("001_first.sql").startsWith("{");
        assertThat(after.out()).contains("001_second.sql").startsWith("{");
    }
}
