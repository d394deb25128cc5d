import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The schema the planning measurement plans against: 500 tables (the shape of the diff scale test: a
 * primary key, two foreign keys, an index each, 450 triggers), written twice, as it is in the database
 * ({@code current.sql}) and as the schema file wants it ({@code desired.sql}), which differs by two real
 * changes: a new column on one table and a new index on another.
 *
 * <p>Run as a single-file program: {@code java bench/Schema500.java DIR}.
 */
public final class Schema500 {
    private static final int TABLES = 500;
    private static final int TRIGGERS = 450;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("current.sql"), ddl(false), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("desired.sql"), ddl(true), StandardCharsets.UTF_8);
    }

    private static String ddl(boolean changed) {
        StringBuilder sql = new StringBuilder(
                "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n");
        for (int i = 1; i <= TABLES; i++) {
            sql.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY, name text NOT NULL, prev bigint")
                    .append(i > 1 ? " REFERENCES t" + (i - 1) : "").append(", far bigint")
                    .append(i > 100 ? " REFERENCES t" + (i - 100) : "").append(", created timestamptz DEFAULT now()")
                    .append(changed && i == 250 ? ", note text" : "").append(");\n");
            sql.append("CREATE INDEX t").append(i).append("_name ON t").append(i).append(" (name);\n");
            if (changed && i == 400) {
                sql.append("CREATE INDEX t400_created ON t400 (created);\n");
            }
            if (i <= TRIGGERS) {
                sql.append("CREATE TRIGGER t").append(i).append("_touch BEFORE UPDATE ON t").append(i)
                        .append(" FOR EACH ROW EXECUTE FUNCTION touch();\n");
            }
        }
        return sql.toString();
    }
}
