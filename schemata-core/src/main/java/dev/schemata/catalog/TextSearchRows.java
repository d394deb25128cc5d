package dev.schemata.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Maps the rows of the text search queries (dictionaries, configurations) to records. */
final class TextSearchRows {
    private TextSearchRows() {
    }

    static TextSearchDictionary dictionary(Row row) throws SQLException {
        return new TextSearchDictionary(row.name("schema_name", "dictionary_name"),
                row.name("template_schema", "template_name"), row.text("options"), row.text("comment"));
    }

    static TextSearchConfiguration configuration(Row row) throws SQLException {
        List<String> tokenTypes = row.texts("token_types");
        List<String> dictionaries = row.texts("dictionaries");
        List<TextSearchConfiguration.Mapping> mappings = new ArrayList<>();
        for (int i = 0; i < tokenTypes.size(); i++) {
            mappings.add(new TextSearchConfiguration.Mapping(tokenTypes.get(i), dictionaries.get(i)));
        }
        return new TextSearchConfiguration(row.name("schema_name", "configuration_name"),
                row.name("parser_schema", "parser_name"), mappings, row.text("comment"));
    }
}
