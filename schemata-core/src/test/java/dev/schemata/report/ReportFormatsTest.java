package dev.schemata.report;

import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The renderers on their own: escaping that no finding's text can get around. */
class ReportFormatsTest {
    private static Report report(Finding... findings) {
        return new Report("lint", "1 finding", List.of(new Report.Case("a.sql", List.of(findings))), "");
    }

    @Test
    void githubEscapesAsItsToolkitDocuments() {
        assertThat(GithubFormat.data("100% done\r\nnext: a,b")).isEqualTo("100%25 done%0D%0Anext: a,b");
        assertThat(GithubFormat.property("100% done\r\nnext: a,b")).isEqualTo("100%25 done%0D%0Anext%3A a%2Cb");
        // Escaping % first: an already escaped-looking text stays what it was.
        assertThat(GithubFormat.data("%0A")).isEqualTo("%250A");
        String line = GithubFormat.commands(report(new Finding(Level.WARNING, "d,1:x.sql", 4, 2, "t: 1", "a\n::error::b"))).get(0);
        assertThat(line).isEqualTo("::warning file=d%2C1%3Ax.sql,line=4,col=2,title=t%3A 1::a%0A::error::b");
        assertThat(GithubFormat.commands(report(new Finding(Level.NOTICE, null, 3, 1, "t", "m"))))
                .containsExactly("::notice title=t::m");
    }

    @Test
    void junitKeepsTheDocumentWellFormedWhateverTheText() throws Exception {
        String xml = JunitFormat.xml(report(new Finding(Level.ERROR, "a.sql", 1, 0, "x\"<&>", "bell\u0007 ]]> </failure>\nnext")));
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        var failure = (org.w3c.dom.Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("a.sql:1: x\"<&>");
        assertThat(failure.getTextContent()).contains("bell\uFFFD ]]> </failure>\nnext");
    }

    @Test
    void markdownCellsCannotBreakTheTableOrInjectHtml() {
        String md = Markdown.summary(report(new Finding(Level.ERROR, "a.sql", 2, 0, "t", "a | b\n<script>x</script>")));
        assertThat(md).contains("| error | a.sql:2 | **t**<br>a \\| b<br>&lt;script&gt;x&lt;/script&gt; |");
        assertThat(Markdown.codeBlock("sql", "SELECT '```';")).isEqualTo("````sql\nSELECT '```';\n````\n");
    }
}
