package dev.schemata.json;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON written straight to a writer is the text {@link Json#pretty(Object)} gives, and reads back the same. */
class JsonTest {
    private static Map<String, Object> document() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("quote \" and \\ backslash", "line\nbreak\ttab\rreturn\bback\fform\u0001ctl\u2028sep plain");
        inner.put("number", 42L);
        inner.put("fraction", 1.5);
        inner.put("none", null);
        inner.put("yes", true);
        inner.put("empty", List.of());
        inner.put("emptyMap", Map.of());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", "postgresql://u:***@h/db");
        doc.put("items", List.of(inner, "x", 7));
        return doc;
    }

    @Test
    void writtenAsProducedIsThePrettyText() {
        StringWriter out = new StringWriter();
        Json.pretty(document(), out, s -> s);
        assertThat(out.toString()).isEqualTo(Json.pretty(document()));
        assertThat(Json.parse(out.toString())).isEqualTo(Json.parse(Json.write(document())));
        assertThat(out.toString()).contains("\"line\\nbreak\\ttab\\rreturn\\bback\\fform\\u0001ctl\\u2028sep plain\"");
    }

    @Test
    void aLazyListIsWrittenItemByItemAndEachStringPassesTheFilterBeforeItIsEscaped() {
        List<Integer> made = new ArrayList<>();
        Iterable<Map<String, Object>> lazy = () -> List.of(1, 2, 3).stream().map(i -> {
            made.add(i);
            return Map.<String, Object>of("secret", "pa\"ss-" + i);
        }).iterator();
        StringWriter out = new StringWriter();
        Json.pretty(Map.of("rows", lazy), out, s -> s.replace("pa\"ss", "***"));
        assertThat(made).containsExactly(1, 2, 3);
        assertThat(out.toString()).doesNotContain("pa").contains("\"***-1\"", "\"***-3\"");
        assertThat(Json.parse(out.toString())).isEqualTo(Map.of("rows", List.of(Map.of("secret", "***-1"),
                Map.of("secret", "***-2"), Map.of("secret", "***-3"))));
    }

    @Test
    void aDocumentLargerThanOneBlockArrivesWholeAndInOrder() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            items.add(Map.of("version", String.valueOf(i), "state", "applied"));
        }
        StringWriter out = new StringWriter();
        Json.pretty(Map.of("migrations", items), out, s -> s);
        assertThat(out.toString()).hasSizeGreaterThan(100_000).isEqualTo(Json.pretty(Map.of("migrations", items)));
    }
}
