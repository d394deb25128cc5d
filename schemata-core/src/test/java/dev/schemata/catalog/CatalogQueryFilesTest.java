package dev.schemata.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The conventions every catalog query follows, so that they select the same objects the same way. */
class CatalogQueryFilesTest {
    private static final String SYSTEM_SCHEMAS = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";
    private static final String SELECTED_SCHEMAS = "n.nspname = ANY (?)";
    private static final Pattern EXTENSION_MEMBER =
            Pattern.compile("WHERE e\\.classid = \\S+ AND e\\.objid = \\S+ AND e\\.deptype = 'e'");
    /** A lower-case name directly followed by "(" and not qualified is an unqualified function call
     * (keywords are upper case; alias column lists are written with a space before "("). */
    private static final Pattern FUNCTION_CALL = Pattern.compile("(?<![\\w.\"'])([a-z_][a-z0-9_]*)\\(");
    /** A catalog table read without its schema. */
    private static final Pattern CATALOG_TABLE = Pattern.compile("(?:FROM|JOIN)\\s+(pg_(?!catalog\\.)\\w+)");

    @Test
    void everyQueryFileIsAKnownQueryAndEveryQueryHasAFile() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(CatalogQuery.class.getResource("sql")).toURI());
        List<String> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(CatalogQuery.values()).map(CatalogQuery::fileName).toList());
    }

    @ParameterizedTest
    @EnumSource(value = CatalogQuery.class, names = {"SCHEMAS", "EXTENSIONS", "FOREIGN_DATA_WRAPPERS", "FOREIGN_SERVERS",
            "USER_MAPPINGS"}, mode = EnumSource.Mode.EXCLUDE)
    void everyQueryLeavesOutSystemSchemasUnselectedSchemasAndExtensionMembers(CatalogQuery query) {
        String sql = query.sql();

        assertThat(sql).contains(SYSTEM_SCHEMAS).contains(SELECTED_SCHEMAS);
        assertThat(EXTENSION_MEMBER.matcher(sql).find()).as("extension member check in %s", query.fileName()).isTrue();
        // the selected schemas are the only parameter
        assertThat(CatalogQuery.parameterCount(sql)).isEqualTo(1);
    }

    @Test
    void theSchemaListIsUnfilteredAndExtensionsAreFilteredByTheirSchema() {
        String schemas = CatalogQuery.SCHEMAS.sql();
        assertThat(schemas).contains(SYSTEM_SCHEMAS).doesNotContain(SELECTED_SCHEMAS);
        assertThat(EXTENSION_MEMBER.matcher(schemas).find()).isTrue();
        assertThat(CatalogQuery.parameterCount(schemas)).isZero();
        assertThat(CatalogQuery.EXTENSIONS.sql()).contains(SYSTEM_SCHEMAS, SELECTED_SCHEMAS);
    }

    @ParameterizedTest
    @EnumSource(value = CatalogQuery.class, names = {"FOREIGN_DATA_WRAPPERS", "FOREIGN_SERVERS", "USER_MAPPINGS"})
    void databaseWideObjectsAreReadWhateverTheFilterButNotExtensionMembers(CatalogQuery query) {
        assertThat(CatalogQuery.DATABASE_WIDE).contains(query);
        assertThat(EXTENSION_MEMBER.matcher(query.sql()).find()).isTrue();
        assertThat(CatalogQuery.parameterCount(query.sql())).isZero();
    }

    @ParameterizedTest
    @EnumSource(CatalogQuery.class)
    void catalogTablesAndFunctionsArePgCatalogQualified(CatalogQuery query) {
        String sql = withoutComments(query.sql());

        assertThat(FUNCTION_CALL.matcher(sql).results().map(m -> m.group(1)))
                .as("unqualified function calls in %s", query.fileName()).isEmpty();
        assertThat(CATALOG_TABLE.matcher(sql).results().map(m -> m.group(1)))
                .as("unqualified catalog tables in %s", query.fileName()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CatalogQuery.class)
    void commentsHaveNoPlaceholderAndTheHeaderNamesTheQuery(CatalogQuery query) {
        String sql = query.sql();
        String name = query.fileName().replace(".sql", "");

        assertThat(sql).startsWith("-- " + name + ": ");
        assertThat(sql.lines().filter(line -> line.strip().startsWith("--"))).noneMatch(line -> line.contains("?"));
    }

    @Test
    void theConventionChecksCatchUnqualifiedNamesOnly() {
        String sql = "SELECT format_type(a.atttypid, NULL), pg_catalog.unnest(x) AS k (c), COALESCE(y, 'f(')"
                + " FROM pg_class AS c JOIN pg_catalog.pg_namespace AS n ON TRUE";
        assertThat(FUNCTION_CALL.matcher(sql).results().map(m -> m.group(1))).containsExactly("format_type");
        assertThat(CATALOG_TABLE.matcher(sql).results().map(m -> m.group(1))).containsExactly("pg_class");
    }

    private static String withoutComments(String sql) {
        return sql.lines().map(line -> line.replaceFirst("--.*$", "")).reduce("", (a, b) -> a + b + "\n");
    }
}
