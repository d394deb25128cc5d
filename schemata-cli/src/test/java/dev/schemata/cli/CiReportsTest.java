package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --format github|junit|markdown} of lint, validate, drift, plan and verify-rollback, run against a real
 * database: GitHub workflow commands checked against the documented syntax and escaping, JUnit XML validated
 * against the common JUnit schema (src/test/resources/junit.xsd), the step summary appended, exit codes as
 * without the format, and no password in anything printed.
 */
@ExtendWith(PostgresExtension.class)
class CiReportsTest {
    /**
     * A workflow command as GitHub documents it: {@code ::level key=value,key=value::message}, where no value holds a
     * raw {@code ,} {@code :} or line break and the message no line break, and {@code %} only starts an escape.
     */
    private static final Pattern COMMAND = Pattern.compile(
            "::(error|warning|notice)(?: ((?:file|line|col|endLine|endColumn|title)=[^,:\\r\\n]*(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\\r\\n]*)*))?::([^\\r\\n]*)");
    private static final Pattern BAD_PERCENT = Pattern.compile("%(?!25|0D|0A|3A|2C)");

    @TempDir
    Path dir;

    private CliRunner cli;
    private TestDatabase db;
    private Path summary;

    @BeforeEach
    void setUp(TestCluster cluster, TestDatabase db) throws IOException {
        this.db = db;
        this.summary = dir.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");
        this.cli = new CliRunner(dir).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword())
                .env("GITHUB_STEP_SUMMARY", summary.toString());
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private CliRunner.Result run(String... args) {
        CliRunner.Result r = cli.run(args);
        assertThat(r.all()).doesNotContain(db.settings().password());
        return r;
    }

    private CliRunner.Result runOnDb(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.url()));
        return run(all.toArray(String[]::new));
    }

    /** A parsed workflow command, its properties and message unescaped the way the runner does. */
    private record Command(String level, Map<String, String> properties, String message) {
    }

    private static String unescape(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
    }

    /** Every line of stdout that starts with {@code ::} must be a well-formed command. */
    private static List<Command> commands(String out) {
        List<Command> commands = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (!line.startsWith("::")) {
                continue;
            }
            Matcher m = COMMAND.matcher(line);
            assertThat(m.matches()).as("workflow command syntax: " + line).isTrue();
            assertThat(BAD_PERCENT.matcher(line).find()).as("a raw %% in " + line).isFalse();
            Map<String, String> properties = new LinkedHashMap<>();
            if (m.group(2) != null) {
                for (String p : m.group(2).split(",")) {
                    int eq = p.indexOf('=');
                    properties.put(p.substring(0, eq), unescape(p.substring(eq + 1)));
                }
            }
            commands.add(new Command(m.group(1), properties, unescape(m.group(3))));
        }
        return commands;
    }

    /** Validates against the JUnit schema and returns the document. */
    private static Document junit(String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var schema = factory.newSchema(new StreamSource(CiReportsTest.class.getResource("/junit.xsd").toString()));
        try {
            schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new AssertionError("not valid JUnit XML: " + e.getMessage() + "\n" + xml, e);
        }
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String name) {
        NodeList list = doc.getElementsByTagName(name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    @Test
    void lintAnnotatesTheLineWithEveryCharacterEscaped() throws Exception {
        String file = "db,x:%/002_index.sql";
        write(file, "SET lock_timeout = '5s';\n\nCREATE INDEX title_idx\n    ON \"news,100%:a\" (title);\n");
        CliRunner.Result human = run("lint", "--no-db", file);
        CliRunner.Result r = run("lint", "--no-db", "--format", "github", file);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(human.exitCode()).isEqualTo(1);

        List<Command> commands = commands(r.out());
        assertThat(commands).hasSize(1);
        Command c = commands.get(0);
        assertThat(c.level()).isEqualTo("error");
        assertThat(c.properties()).containsEntry("file", file).containsEntry("line", "3").containsEntry("col", "1")
                .containsEntry("title", "lint: index-not-concurrent");
        assertThat(c.message()).contains("`\"news,100%:a\"`").contains("\nSafe alternative: Build the index with CREATE INDEX CONCURRENTLY");
        assertThat(r.out()).contains("::error file=db%2Cx%3A%25/002_index.sql,line=3,col=1,title=lint%3A index-not-concurrent::")
                .contains("news,100%25:a").contains("%0ASafe alternative").endsWith("1 finding (1 error) in 1 file (static: no database)\n");

        // Appended after what an earlier step wrote, never over it; the table keeps its cells.
        String md = Files.readString(summary);
        assertThat(md).startsWith("earlier step\n### schemata lint: 1 finding (1 error) in 1 file")
                .contains("| error | db,x:%/002\\_index.sql:3:1 | **lint: index-not-concurrent**<br>");
        run("lint", "--no-db", "--format", "github", file);
        assertThat(Files.readString(summary)).startsWith(md).hasSize(md.length() * 2 - "earlier step\n".length());
    }

    @Test
    void lintJunitHasOneCasePerFileAndFailsOnlyOnErrors() throws Exception {
        write("migrations/001_create.sql", "CREATE TABLE articles (id bigint PRIMARY KEY, title text);\n");
        write("migrations/002_index.sql", "SET lock_timeout = '5s';\nCREATE INDEX title_idx ON articles (title);\n");
        write("migrations/003_drop.sql", "SET lock_timeout = '5s';\nALTER TABLE articles DROP COLUMN title;\n");
        CliRunner.Result r = run("lint", "--no-db", "--dir", "migrations", "--format", "junit");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        Document doc = junit(r.out());
        Element suite = elements(doc, "testsuite").get(0);
        assertThat(suite.getAttribute("name")).isEqualTo("schemata lint");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        List<Element> cases = elements(doc, "testcase");
        assertThat(cases).extracting(e -> e.getAttribute("name"))
                .containsExactly("migrations/001_create.sql", "migrations/002_index.sql", "migrations/003_drop.sql");
        Element failure = (Element) cases.get(1).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("migrations/002_index.sql:2:1: lint: index-not-concurrent");
        assertThat(failure.getTextContent()).contains("Safe alternative:");
        // A warning informs without failing the test.
        assertThat(cases.get(2).getElementsByTagName("failure").getLength()).isZero();
        assertThat(cases.get(2).getElementsByTagName("system-out").item(0).getTextContent()).contains("warning: ")
                .contains("lint: drop-column");

        // Wrong usage stays wrong usage.
        assertThat(run("lint", "--no-db", "--format", "junit", "--json").exitCode()).isEqualTo(2);
        assertThat(run("lint", "--no-db", "--format", "xml").err()).contains("expected human, json, sarif, github, junit or markdown");
    }

    @Test
    void validatePointsAtTheFailedStatementsLineAndTheChangedFile() throws Exception {
        write("migrations/001_init.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");
        write("migrations/002_concurrent.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n\n"
                + "INSERT INTO \"no,such:%table\" VALUES (1);\n");
        assertThat(runOnDb("migrate").exitCode()).isEqualTo(1);
        write("migrations/001_init.sql", "CREATE TABLE t (id int PRIMARY KEY, changed text);\n");

        CliRunner.Result human = runOnDb("validate");
        CliRunner.Result r = runOnDb("validate", "--format", "github");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(human.exitCode()).isEqualTo(1);
        List<Command> commands = commands(r.out());
        assertThat(commands).extracting(c -> c.properties().get("file") + ":" + c.properties().get("line") + " " + c.properties().get("title"))
                .containsExactly("migrations/001_init.sql:null validate: checksum mismatch",
                        "migrations/002_concurrent.sql:3 validate: failed");
        assertThat(commands.get(1).message()).contains("failed at statement 2").contains("\"no,such:%table\"");
        assertThat(r.out()).contains(db.maskedUrl()).contains("found 2 problems");
        // Markdown's own characters are escaped (test\_6 renders as test_6).
        assertThat(Files.readString(summary)).contains("### schemata validate: validation of "
                + db.maskedUrl().replace("_", "\\_"));

        Document doc = junit(runOnDb("validate", "--format", "junit").out());
        assertThat(elements(doc, "testcase")).extracting(e -> e.getAttribute("name") + ":" + e.getElementsByTagName("failure").getLength())
                .containsExactly("migrations/001_init.sql:1", "migrations/002_concurrent.sql:1");

        // A valid database: a passing case per migration, no commands.
        write("migrations/001_init.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");
        write("migrations/002_concurrent.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n");
        runOnDb("repair");
        assertThat(runOnDb("migrate").exitCode()).isZero();
        CliRunner.Result ok = runOnDb("validate", "--format", "github");
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(commands(ok.out())).isEmpty();
        assertThat(ok.out()).startsWith("valid: ");
    }

    @Test
    void driftNamesTheSchemaFile() throws Exception {
        write("migrations/001_init.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");
        write("init.sql", "CREATE TABLE t (id int PRIMARY KEY);\nCREATE INDEX t_id ON t (id);\n");
        CliRunner.Result human = run("drift");
        CliRunner.Result r = run("drift", "--format", "github");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(human.exitCode()).isEqualTo(1);
        List<Command> commands = commands(r.out());
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).properties()).containsEntry("file", "init.sql")
                .containsEntry("title", "drift: The migrations and the schema file define different schemas");
        assertThat(commands.get(0).message()).contains("making it match would take:\n  CREATE INDEX t_id");

        Document doc = junit(run("drift", "--format", "junit").out());
        assertThat(elements(doc, "failure")).hasSize(1);
        assertThat(elements(doc, "testsuite").get(0).getAttribute("tests")).isEqualTo("1");
    }

    @Test
    void planAsMarkdownShowsTheStepsAndHazardsAndExitsZero() throws Exception {
        write("init.sql", "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, \"note|100%\" text)");
        CliRunner.Result human = runOnDb("plan");
        CliRunner.Result md = runOnDb("plan", "--format", "markdown");
        assertThat(md.exitCode()).as(md.all()).isEqualTo(human.exitCode()).isZero();
        assertThat(md.out()).startsWith("### schemata plan: plan for " + db.maskedUrl().replace("_", "\\_")
                        + " from init.sql: 1 step; hazards: DELETES\\_DATA 1\n\n")
                .contains("| warning | init.sql | **plan: hazard DELETES\\_DATA**<br>step 1: ALTER TABLE")
                .contains("note\\|100%")
                .contains("**Step 1**\n\n```sql\nALTER TABLE public.accounts DROP COLUMN \"note|100%\";\n```")
                .contains("- :warning: **hazard DELETES_DATA**: ");

        CliRunner.Result gh = runOnDb("plan", "--format", "github");
        assertThat(gh.exitCode()).isZero();
        List<Command> commands = commands(gh.out());
        assertThat(commands).extracting(Command::level).containsExactly("warning");
        assertThat(commands.get(0).properties()).containsEntry("file", "init.sql").containsEntry("title", "plan: hazard DELETES_DATA");
        assertThat(Files.readString(summary)).contains("```sql\nALTER TABLE public.accounts DROP COLUMN");

        Document doc = junit(runOnDb("plan", "--format", "junit").out());
        assertThat(elements(doc, "failure")).isEmpty();
        assertThat(elements(doc, "testcase")).hasSize(1);
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'")).isEqualTo(2L);
    }

    @Test
    void verifyRollbackPointsAtTheDownsFailingLine() throws Exception {
        write("migrations/001_init.sql", "CREATE TABLE a (id int);\n");
        write("migrations/001_init.down.sql", "DROP TABLE a;\n");
        write("migrations/002_more.sql", "CREATE TABLE b (id int);\n");
        write("migrations/002_more.down.sql", "-- undo\nDROP TABLE \"b,100%:x\";\n");
        CliRunner.Result human = runOnDb("verify-rollback", "--dir", "migrations");
        CliRunner.Result r = runOnDb("verify-rollback", "--dir", "migrations", "--format", "github");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(human.exitCode()).isEqualTo(1);
        List<Command> commands = commands(r.out());
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).properties()).containsEntry("file", "migrations/002_more.down.sql").containsEntry("line", "2")
                .containsEntry("title", "verify-rollback: down failed");
        assertThat(commands.get(0).message()).contains("\"b,100%:x\" does not exist").contains("\n");
        assertThat(r.out()).contains("checked 2 migrations: 1 ok, 1 with problems");

        Document doc = junit(runOnDb("verify-rollback", "--dir", "migrations", "--format", "junit").out());
        assertThat(elements(doc, "testcase")).extracting(e -> e.getAttribute("name") + ":" + e.getElementsByTagName("failure").getLength())
                .containsExactly("001 init:0", "002 more:1");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void aMessageWithAPasswordIsMaskedInEveryFormat() throws Exception {
        write("migrations/001_role.sql", "CREATE TABLE t (id int);\n");
        write("migrations/001_role.down.sql", "ALTER ROLE nosuchrolex PASSWORD 'hunter2,%:secret';\n");
        for (String format : List.of("github", "junit", "markdown")) {
            CliRunner.Result r = runOnDb("verify-rollback", "--dir", "migrations", "--allow-cluster-changes",
                    "--format", format);
            assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
            assertThat(r.out()).contains("nosuchrolex").doesNotContain("hunter2").doesNotContain("hunter2".replace("%", "%25"));
        }
        assertThat(Files.readString(summary)).doesNotContain("hunter2");
        assertThat(Json.parse(runOnDb("verify-rollback", "--dir", "migrations", "--json").out())).isNotNull();
    }

    @Test
    void aSummaryGitHubWouldRefuseIsCutAtALineAndSaysSo() {
        String table = "| a |\n".repeat(100);
        assertThat(CiReports.cut(table, 10_000)).isSameAs(table);
        String cut = CiReports.cut(table, 23);
        assertThat(cut).startsWith("| a |\n| a |\n| a |\n\n*The summary is cut here").endsWith("lists every finding.*\n\n");
    }

    @Test
    void aStepSummaryThatCannotBeWrittenIsAWarningAndTheFindingsStillPrint() throws Exception {
        write("002_index.sql", "CREATE INDEX title_idx ON articles (title);\n");
        cli.env("GITHUB_STEP_SUMMARY", dir.resolve("no/such/dir/summary.md").toString());
        CliRunner.Result r = run("lint", "--no-db", "--format", "github", "002_index.sql");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("::error file=002_index.sql,line=1,col=1");
        assertThat(r.err()).contains("warning: could not append the summary to $GITHUB_STEP_SUMMARY");
    }

    @Test
    void formatJsonIsTheSameAsJsonAndTheSchemaRejectsWhatReadersWouldNot() throws Exception {
        write("init.sql", "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        CliRunner.Result json = runOnDb("plan", "--format", "json");
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(Json.parse(json.out())).isEqualTo(Json.parse(runOnDb("plan", "--json").out()));
        assertThat(runOnDb("plan", "--format", "github", "--json").exitCode()).isEqualTo(2);
        assertThat(runOnDb("plan", "--format", "sarif").err()).contains("expected human, json, github, junit or markdown");

        // The schema is strict enough to mean something: no name, an unknown attribute, a count that is no number.
        for (String bad : List.of("<testsuites><testsuite tests=\"1\"/></testsuites>",
                "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"c\" file=\"a.sql\"/></testsuite></testsuites>",
                "<testsuites><testsuite name=\"s\" tests=\"many\"/></testsuites>")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> junit(bad)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("not valid JUnit XML");
        }
    }
}
