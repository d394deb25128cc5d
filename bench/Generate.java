import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes N benchmark migrations three times, with the same SQL in each file: under {@code OUT/schemata} as
 * {@code 00001_create_t1.sql}, under {@code OUT/flyway} as {@code V1__create_t1.sql}, and under
 * {@code OUT/liquibase/migrations} with Schemata's names beside the changelog {@code OUT/liquibase/changelog.xml} that
 * lists them for Liquibase, so every tool applies byte-identical statements. The mix is cheap but realistic DDL and DML (a new table with an index every few
 * files; added columns, small inserts, comments, indexes and updates on earlier tables), drawn from a
 * seeded {@link Random} so that a run is repeatable and the first 100 files of N = 1,000 are those of N = 100.
 * It also writes {@code OUT/expected.tsv}: the tables and indexes a correct run leaves in schema public, so
 * the harness can check that each tool did the whole job.
 *
 * <p>Run as a single-file program: {@code java bench/Generate.java SEED N OUT}.
 */
public final class Generate {
    private static final String[] COLUMN_TYPES = {"text", "integer", "boolean NOT NULL DEFAULT false", "timestamptz", "jsonb",
            "numeric(10,2)", "varchar(80)", "bigint"};

    /**
     * The head of Liquibase's changelog. It gets one changeset per file, each a {@code sqlFile} of that plain
     * SQL file, with the file's name as its id, in file-name order: how a Liquibase user who keeps plain SQL
     * files lists them. Liquibase runs each changeset in a transaction of its own, with its row in
     * {@code databasechangelog}. The other way, one {@code includeAll} of the directory, needs no entry per
     * file, but gives every plain SQL file the same id ({@code raw}) and author ({@code includeAll}); Liquibase
     * 4 then tells changesets apart by their paths alone, and finding each changeset's history row compares
     * paths one by one: {@code status} of 1,000 applied files took about twice as long in a trial, and the
     * comparisons grow with the square of N.
     */
    private static final String LIQUIBASE_CHANGELOG_HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            """;

    /** What exists so far of one generated table. */
    private static final class Table {
        final String name;
        final List<String> indexableColumns = new ArrayList<>();

        Table(String name) {
            this.name = name;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java Generate.java SEED N OUT");
            System.exit(2);
        }
        long seed = Long.parseLong(args[0]);
        int n = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Path schemata = Files.createDirectories(out.resolve("schemata"));
        Path flyway = Files.createDirectories(out.resolve("flyway"));
        Path liquibase = Files.createDirectories(out.resolve("liquibase"));
        Path liquibaseSql = Files.createDirectories(liquibase.resolve("migrations"));
        StringBuilder changelog = new StringBuilder(LIQUIBASE_CHANGELOG_HEAD);
        Random random = new Random(seed);
        List<Table> tables = new ArrayList<>();
        int indexes = 0;
        for (int i = 1; i <= n; i++) {
            StringBuilder sql = new StringBuilder();
            String description;
            // A new table about every fifth file, and always first, so that later files have tables to change.
            if (tables.isEmpty() || random.nextInt(5) == 0) {
                Table t = new Table("t" + (tables.size() + 1));
                tables.add(t);
                description = "create_" + t.name;
                sql.append("-- Migration ").append(i).append(": a new table for benchmark data.\n")
                        .append("CREATE TABLE ").append(t.name).append(" (\n")
                        .append("    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n")
                        .append("    name text NOT NULL,\n")
                        .append("    status text NOT NULL DEFAULT 'new',\n")
                        .append("    amount numeric(12,2),\n")
                        .append("    created_at timestamptz NOT NULL DEFAULT now()\n")
                        .append(");\n")
                        .append("CREATE INDEX ").append(t.name).append("_created_at_idx ON ").append(t.name).append(" (created_at);\n")
                        .append("COMMENT ON TABLE ").append(t.name).append(" IS 'Benchmark table ").append(t.name).append(", added by migration ")
                        .append(i).append("';\n");
                t.indexableColumns.add("status");
                t.indexableColumns.add("amount");
                indexes += 2; // the primary key's and the created_at index
            } else {
                Table t = tables.get(random.nextInt(tables.size()));
                int pick = random.nextInt(100);
                if (pick < 35) {
                    String column = "c" + i;
                    String type = COLUMN_TYPES[random.nextInt(COLUMN_TYPES.length)];
                    description = "add_" + column + "_to_" + t.name;
                    sql.append("-- Migration ").append(i).append(": one more column.\n")
                            .append("ALTER TABLE ").append(t.name).append(" ADD COLUMN ").append(column).append(' ').append(type).append(";\n")
                            .append("COMMENT ON COLUMN ").append(t.name).append('.').append(column).append(" IS 'Added by migration ")
                            .append(i).append("';\n");
                    if (!type.equals("jsonb")) {
                        t.indexableColumns.add(column);
                    }
                } else if (pick < 65) {
                    int rows = 2 + random.nextInt(3);
                    description = "seed_" + t.name;
                    sql.append("-- Migration ").append(i).append(": reference rows.\n")
                            .append("INSERT INTO ").append(t.name).append(" (name, status, amount) VALUES\n");
                    for (int r = 1; r <= rows; r++) {
                        sql.append("    ('row ").append(i).append('.').append(r).append("', '")
                                .append(random.nextBoolean() ? "active" : "new").append("', ")
                                .append(random.nextInt(100_000) / 100.0).append(r == rows ? ");\n" : "),\n");
                    }
                } else if (pick < 80) {
                    description = "document_" + t.name;
                    sql.append("-- Migration ").append(i).append(": documentation only.\n")
                            .append("COMMENT ON COLUMN ").append(t.name).append(".name IS 'Display name (revised in migration ")
                            .append(i).append(")';\n");
                } else if (pick < 90) {
                    String column = t.indexableColumns.get(random.nextInt(t.indexableColumns.size()));
                    String index = t.name + "_" + column + "_" + i + "_idx";
                    description = "index_" + t.name + "_" + column;
                    sql.append("-- Migration ").append(i).append(": an index for a new query.\n")
                            .append("CREATE INDEX ").append(index).append(" ON ").append(t.name).append(" (").append(column).append(");\n");
                    indexes++;
                } else {
                    description = "backfill_" + t.name;
                    sql.append("-- Migration ").append(i).append(": a small data fix.\n")
                            .append("UPDATE ").append(t.name).append(" SET status = 'active' WHERE status = 'new' AND id % 3 = 0;\n");
                }
            }
            byte[] bytes = sql.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(schemata.resolve(String.format("%05d_%s.sql", i, description)), bytes);
            Files.write(flyway.resolve(String.format("V%d__%s.sql", i, description)), bytes);
            String name = String.format("%05d_%s", i, description);
            Files.write(liquibaseSql.resolve(name + ".sql"), bytes);
            changelog.append("    <changeSet id=\"").append(name).append("\" author=\"bench\">\n")
                    .append("        <sqlFile path=\"migrations/").append(name).append(".sql\" relativeToChangelogFile=\"true\"/>\n")
                    .append("    </changeSet>\n");
        }
        Files.writeString(liquibase.resolve("changelog.xml"), changelog.append("</databaseChangeLog>\n"));
        Files.writeString(out.resolve("expected.tsv"), "tables\t" + tables.size() + "\nindexes\t" + indexes + "\n");
    }
}
