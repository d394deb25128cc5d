package dev.schemata.diff;

import java.util.List;

import static dev.schemata.diff.HazardKind.*;

/** Indexes that no constraint owns. */
final class IndexCases {
    private IndexCases() {
    }

    private static final String T = "CREATE TABLE t (id int, name text, at timestamptz);";

    static final List<DiffCase> CASES = List.of(
            DiffCase.of("create index", T, T + "CREATE INDEX t_name ON t (name);", INDEX_BUILD)
                    .expectSql("CREATE INDEX t_name ON public.t USING btree (name)"),
            DiffCase.of("create index online", T, T + "CREATE INDEX t_name ON t (name);", INDEX_BUILD).onlineMode()
                    .expectSql("-- runs outside a transaction", "CREATE INDEX CONCURRENTLY t_name ON public.t"),
            DiffCase.of("drop index", T + "CREATE INDEX t_name ON t (name);", T, INDEX_DROPPED),
            DiffCase.of("drop index online", T + "CREATE INDEX t_name ON t (name);", T, INDEX_DROPPED).onlineMode()
                    .expectSql("DROP INDEX CONCURRENTLY public.t_name"),
            DiffCase.of("change index columns", T + "CREATE INDEX t_i ON t (name);", T + "CREATE INDEX t_i ON t (name, at);",
                    INDEX_DROPPED, INDEX_BUILD),
            DiffCase.of("partial unique expression index", T,
                    T + "CREATE UNIQUE INDEX t_lower ON t (lower(name)) WHERE at IS NOT NULL;", INDEX_BUILD),
            DiffCase.of("index method and options", T,
                    T + "CREATE INDEX t_at ON t USING brin (at) WITH (pages_per_range = 32);", INDEX_BUILD),
            DiffCase.of("index on partitioned table online is not concurrent",
                    "CREATE TABLE e (at date NOT NULL) PARTITION BY RANGE (at);"
                            + "CREATE TABLE e1 PARTITION OF e FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
                    "CREATE TABLE e (at date NOT NULL) PARTITION BY RANGE (at);"
                            + "CREATE TABLE e1 PARTITION OF e FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
                            + "CREATE INDEX e_at ON e (at);", INDEX_BUILD).onlineMode()
                    .expectSql("CREATE INDEX e_at ON public.e USING btree (at)"),
            DiffCase.of("renamed index is renamed, not rebuilt", T + "CREATE INDEX t_a ON t (name);",
                    T + "CREATE INDEX t_b ON t (name);").expectSql("ALTER INDEX public.t_a RENAME TO t_b"),
            DiffCase.same("same index written two ways", T + "CREATE INDEX t_name ON t (name);",
                    T + "create index T_NAME on public.t using btree (name asc);"));
}
