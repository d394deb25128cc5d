package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;

import java.nio.file.Path;
import java.util.function.Function;

/** Where a schema comes from: a live database, a schema file, or a migrations directory. */
public sealed interface SchemaSource {

    /** How to name the source in messages. */
    String describe();

    /** A live database, read as it is: through settings, or an application's {@code DataSource}. */
    record Live(ConnectionFactory connections) implements SchemaSource {
        public Live(ConnectionSettings settings) {
            this(ConnectionFactory.of(settings));
        }

        @Override
        public String describe() {
            return connections.describe();
        }
    }

    /** A schema file applied to a throwaway database. */
    record File(SchemaFile file) implements SchemaSource {
        @Override
        public String describe() {
            return file.display();
        }
    }

    /** A migrations directory applied in order to a throwaway database. */
    record Directory(Path path) implements SchemaSource {
        @Override
        public String describe() {
            return path.toString();
        }
    }

    /**
     * Parses {@code db:URL}, {@code file:PATH} or {@code dir:PATH}.
     *
     * @param database turns a URL into connection settings
     * @param resolve  turns a path as given into one relative to the working directory
     */
    static SchemaSource parse(String spec, Function<String, ConnectionSettings> database, Function<String, Path> resolve) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? "" : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        if (rest.isBlank()) {
            kind = "";
        }
        return switch (kind) {
            case "db" -> new Live(database.apply(rest));
            case "file" -> new File(new SchemaFile(resolve.apply(rest), rest));
            case "dir" -> new Directory(resolve.apply(rest));
            default -> throw new SchemataException(ErrorCode.BAD_USAGE, "invalid schema source \"" + spec
                    + "\": expected db:URL, file:PATH (a schema file such as init.sql) or dir:PATH (a migrations directory)");
        };
    }
}
