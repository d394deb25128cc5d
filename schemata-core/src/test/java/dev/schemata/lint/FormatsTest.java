package dev.schemata.lint;

import dev.schemata.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON and SARIF documents, read back the way a consumer would. */
class FormatsTest {
    private static final String SQL = "-- add an index\nCREATE INDEX articles_title_idx ON articles (title);\n";

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasOneObjectPerFindingWithTheDocumentedFields() {
        LintReport report = Lint.file("migrations/002_index.sql", SQL).report();
        Map<String, Object> doc = (Map<String, Object>) Json.parse(Json.write(LintFormats.json(report)));
        List<Map<String, Object>> findings = (List<Map<String, Object>>) doc.get("findings");
        assertThat(findings).hasSize(2);
        Map<String, Object> index = findings.stream().filter(f -> f.get("rule").equals("index-not-concurrent"))
                .findFirst().orElseThrow();
        assertThat(index).containsEntry("severity", "error").containsEntry("file", "migrations/002_index.sql")
                .containsEntry("line", 2L).containsEntry("column", 1L)
                .containsEntry("excerpt", "CREATE INDEX articles_title_idx ON articles (title);");
        assertThat((String) index.get("message")).contains("`articles`");
        assertThat((String) index.get("safeAlternative")).contains("CONCURRENTLY");
        assertThat((Map<String, Object>) index.get("table")).containsEntry("name", "articles")
                .containsEntry("origin", "unknown");
        assertThat((Map<String, Object>) doc.get("summary")).containsEntry("errors", 1L).containsEntry("warnings", 1L)
                .containsEntry("files", 1L).containsEntry("usedDatabase", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifIsVersion210WithRulesAndLocatedResults() {
        LintReport report = Lint.file("migrations/002 index.sql", SQL).report();
        Map<String, Object> log = (Map<String, Object>) Json.parse(Json.write(LintFormats.sarif(report, "1.2.3")));
        assertThat(log).containsEntry("version", "2.1.0");
        assertThat((String) log.get("$schema")).contains("sarif-2.1.0");
        Map<String, Object> run = ((List<Map<String, Object>>) log.get("runs")).get(0);
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        assertThat(driver).containsEntry("name", "schemata").containsEntry("version", "1.2.3");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.get("rules");
        assertThat(rules).extracting(r -> r.get("id")).containsExactlyElementsOf(Rules.all().stream().map(Rule::id).toList());
        List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");
        Map<String, Object> index = results.stream().filter(r -> r.get("ruleId").equals("index-not-concurrent"))
                .findFirst().orElseThrow();
        assertThat(index).containsEntry("level", "error");
        long ruleIndex = (Long) index.get("ruleIndex");
        assertThat(rules.get((int) ruleIndex)).containsEntry("id", "index-not-concurrent");
        Map<String, Object> location = (Map<String, Object>) ((List<Map<String, Object>>) index.get("locations")).get(0)
                .get("physicalLocation");
        assertThat((Map<String, Object>) location.get("artifactLocation"))
                .containsEntry("uri", "migrations/002%20index.sql").containsEntry("uriBaseId", "%SRCROOT%");
        assertThat((Map<String, Object>) location.get("region")).containsEntry("startLine", 2L).containsEntry("startColumn", 1L);
        assertThat(results).extracting(r -> r.get("level")).contains("warning");
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoFindingsAreSarifNotes() {
        LintReport report = Lint.sql("CREATE TABLE t (id bigserial PRIMARY KEY);").report();
        Map<String, Object> log = (Map<String, Object>) Json.parse(Json.write(LintFormats.sarif(report, "x")));
        Map<String, Object> run = ((List<Map<String, Object>>) log.get("runs")).get(0);
        assertThat((List<Map<String, Object>>) run.get("results")).extracting(r -> r.get("level")).containsExactly("note");
    }
}
