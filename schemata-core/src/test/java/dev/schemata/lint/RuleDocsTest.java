package dev.schemata.lint;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule is documented, and docs/lint-rules.md is what the rule definitions render. */
class RuleDocsTest {

    @Test
    void everyRuleHasACompleteDocPage() {
        for (Rule rule : Rules.all()) {
            String page = rule.markdown();
            assertThat(page).as(rule.id()).startsWith("## " + rule.id() + "\n").contains("**Safe alternative.**")
                    .contains("```sql\n");
            assertThat(rule.problem().strip()).as(rule.id()).isNotEmpty();
            assertThat(rule.example().strip()).as(rule.id()).isNotEmpty();
        }
    }

    @Test
    void docsLintRulesMdIsUpToDate() throws IOException {
        String project = System.getProperty("schemata.project.dir", "");
        Path docs = Path.of(project.isEmpty() ? ".." : project).resolve("docs").resolve("lint-rules.md");
        Assumptions.assumeTrue(Files.isRegularFile(docs), "docs/lint-rules.md not found from " + Path.of("").toAbsolutePath());
        assertThat(Files.readString(docs))
                .as("docs/lint-rules.md is out of date: regenerate it with `bin/schemata lint --explain all > docs/lint-rules.md`")
                .isEqualTo(Rules.markdown());
    }

    @Test
    void docsLintMdLinksOnlyToRulesThatExistAndDocumentsTheJsonFields() throws IOException {
        String project = System.getProperty("schemata.project.dir", "");
        Path docs = Path.of(project.isEmpty() ? ".." : project).resolve("docs").resolve("lint.md");
        Assumptions.assumeTrue(Files.isRegularFile(docs), "docs/lint.md not found");
        String text = Files.readString(docs);
        assertThat(text).contains("\"findings\"", "\"rule\"", "\"severity\"", "\"file\"", "\"line\"", "\"column\"",
                "\"message\"", "schemata:lint-ignore", "SARIF");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("lint-rules\\.md#([a-z0-9-]+)").matcher(text);
        java.util.Set<String> linked = new java.util.HashSet<>();
        while (link.find()) {
            linked.add(link.group(1));
        }
        assertThat(Rules.ids()).as("docs/lint.md links only to rules that exist").containsAll(linked);
        assertThat(linked).as("docs/lint.md links every rule from its overview").containsAll(Rules.ids());
    }
}
