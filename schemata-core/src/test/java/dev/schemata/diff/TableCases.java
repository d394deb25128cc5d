package dev.schemata.diff;

import java.util.List;

import static dev.schemata.diff.HazardKind.*;

/** Tables: create, drop, partitions, inheritance, storage options, row-level security, replica identity. */
final class TableCases {
    private TableCases() {
    }

    static final List<DiffCase> CASES = List.of(
            DiffCase.same("same table written two ways",
                    "CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL);",
                    "create table T (ID integer not null, NAME text not null, constraint t_pkey primary key (id));"),
            DiffCase.same("empty databases", "", ""),
            DiffCase.of("create table", "",
                    "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL DEFAULT 'x');")
                    .expectSql("CREATE TABLE public.t (", "ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id)"),
            DiffCase.of("drop table", "CREATE TABLE t (id int);", "", DELETES_DATA)
                    .expectSql("DROP TABLE public.t"),
            DiffCase.of("create table that needs quoting", "",
                    "CREATE TABLE \"User\" (\"select\" int, \"Name\" text);")
                    .expectSql("CREATE TABLE public.\"User\" (", "\"select\" integer", "\"Name\" text"),
            DiffCase.of("create unlogged table with options", "",
                    "CREATE UNLOGGED TABLE t (id int) WITH (fillfactor = 70);"),
            DiffCase.of("table becomes unlogged", "CREATE TABLE t (id int);", "CREATE UNLOGGED TABLE t (id int);",
                    TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK),
            DiffCase.of("storage options change", "CREATE TABLE t (id int) WITH (fillfactor = 70, autovacuum_enabled = false);",
                    "CREATE TABLE t (id int) WITH (fillfactor = 80);"),
            DiffCase.of("enable row level security", "CREATE TABLE t (id int);",
                    "CREATE TABLE t (id int); ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY;",
                    AUTHZ_CHANGE),
            DiffCase.of("replica identity full", "CREATE TABLE t (id int);",
                    "CREATE TABLE t (id int); ALTER TABLE t REPLICA IDENTITY FULL;"),
            DiffCase.of("replica identity using a new index", "CREATE TABLE t (id int NOT NULL);",
                    "CREATE TABLE t (id int NOT NULL); CREATE UNIQUE INDEX t_id ON t (id); ALTER TABLE t REPLICA IDENTITY USING INDEX t_id;",
                    INDEX_BUILD),
            DiffCase.of("create partitioned table with partitions", "",
                    """
                    CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, body text) PARTITION BY RANGE (at);
                    CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                    CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                    CREATE INDEX events_at ON events (at);
                    """),
            DiffCase.of("add a partition and a column to a partitioned table",
                    """
                    CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
                    CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                    """,
                    """
                    CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, body text) PARTITION BY RANGE (at);
                    CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                    CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                    """),
            DiffCase.of("drop a partitioned table with its partitions",
                    """
                    CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
                    CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                    """, "", DELETES_DATA),
            DiffCase.of("partition bound changes",
                    """
                    CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
                    CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                    """,
                    """
                    CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
                    CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
                    """, ACCESS_EXCLUSIVE_LOCK, SCAN_UNDER_LOCK),
            DiffCase.of("partition key changes: table recreated",
                    "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);",
                    "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY HASH (id);",
                    DELETES_DATA),
            DiffCase.of("inheritance child", "CREATE TABLE parent (id int, name text);",
                    "CREATE TABLE parent (id int, name text); CREATE TABLE child (extra int) INHERITS (parent);"),
            // A column's local or inherited status: the parent drops it, a child keeps it as its own.
            DiffCase.of("column moves from the parent to a child",
                    "CREATE TABLE parent (id int, x int); CREATE TABLE child (extra int) INHERITS (parent);"
                            + "CREATE TABLE other (more int) INHERITS (parent);",
                    "CREATE TABLE parent (id int); CREATE TABLE child (x int, extra int) INHERITS (parent);"
                            + "CREATE TABLE other (more int) INHERITS (parent);",
                    DELETES_DATA)
                    .expectSql("ALTER TABLE ONLY public.parent DROP COLUMN x", "ALTER TABLE public.other DROP COLUMN x"),
            DiffCase.of("column moves from the parent to a grandchild",
                    "CREATE TABLE p (id int, x int); CREATE TABLE c (a int) INHERITS (p); CREATE TABLE g (b int) INHERITS (c);",
                    "CREATE TABLE p (id int); CREATE TABLE c (a int) INHERITS (p); CREATE TABLE g (b int, x int) INHERITS (c);",
                    DELETES_DATA)
                    .expectSql("ALTER TABLE ONLY public.p DROP COLUMN x", "ALTER TABLE ONLY public.c DROP COLUMN x"),
            DiffCase.of("a child keeps the column it declared too",
                    "CREATE TABLE parent (id int, x int); CREATE TABLE child (x int) INHERITS (parent);",
                    "CREATE TABLE parent (id int); CREATE TABLE child (x int) INHERITS (parent);",
                    DELETES_DATA)
                    .expectSql("ALTER TABLE public.parent DROP COLUMN x"),
            DiffCase.of("column moves up from a child into its parent, the child still declares it",
                    "CREATE TABLE parent (id int); CREATE TABLE child (x int) INHERITS (parent); CREATE TABLE g () INHERITS (child);",
                    "CREATE TABLE parent (id int, x int); CREATE TABLE child (x int) INHERITS (parent); CREATE TABLE g () INHERITS (child);")
                    .expectSql("ALTER TABLE public.parent ADD COLUMN x integer"),
            DiffCase.of("a child starts declaring the column its parent adds: added to the child first, then merged",
                    "CREATE TABLE p (id int); CREATE TABLE c () INHERITS (p); CREATE TABLE g () INHERITS (c);",
                    "CREATE TABLE p (id int, x int); CREATE TABLE c (x int) INHERITS (p); CREATE TABLE g () INHERITS (c);")
                    .expectSql("ALTER TABLE public.c ADD COLUMN x integer", "ALTER TABLE public.p ADD COLUMN x integer"),
            DiffCase.of("a new child declares a column its parent has",
                    "CREATE TABLE parent (id int, x int);",
                    "CREATE TABLE parent (id int, x int); CREATE TABLE child (x int, y int) INHERITS (parent);")
                    .expectSql("CREATE TABLE public.child (\n    x integer,\n    y integer\n) INHERITS (public.parent)"),
            DiffCase.of("column added to an inheritance parent",
                    "CREATE TABLE parent (id int); CREATE TABLE child (extra int) INHERITS (parent);",
                    "CREATE TABLE parent (id int, name text); CREATE TABLE child (extra int) INHERITS (parent);"),
            DiffCase.of("create table in a new schema", "",
                    "CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY);"),
            DiffCase.of("drop schema with its table", "CREATE SCHEMA app; CREATE TABLE app.t (id int);", "", DELETES_DATA)
                    .expectSql("DROP TABLE app.t", "DROP SCHEMA app"));
}
