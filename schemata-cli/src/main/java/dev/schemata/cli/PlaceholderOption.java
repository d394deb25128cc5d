package dev.schemata.cli;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --placeholder NAME=VALUE} of the commands that run migrations. */
final class PlaceholderOption {
    @Option(names = "--placeholder", paramLabel = "NAME=VALUE",
            description = "Replace $${NAME} in the migrations with VALUE, pasted into the SQL as text (a value holding a quote"
                    + " or ';' can end a string and add statements: a warning says so). Only when given; an undefined"
                    + " placeholder is then an error.")
    Map<String, String> values = new LinkedHashMap<>();

    /**
     * The values, after a warning for each that holds a quote or {@code ;}: it is pasted into the SQL as it is,
     * as Flyway does, so {@code x'); DROP TABLE y; --} ends the string it was meant for and runs a statement.
     */
    Map<String, String> values(Output output) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            String value = e.getValue();
            if (value.indexOf('\'') >= 0 || value.indexOf('"') >= 0 || value.indexOf(';') >= 0) {
                output.warn("--placeholder " + e.getKey() + ": the value holds a quote or ';' and is pasted into the SQL"
                        + " as it is: it can end a string or a name and add statements of its own. Give only values"
                        + " you trust, or quote them in the migration (for example with quote_literal in a DO block).");
            }
        }
        return values;
    }
}
