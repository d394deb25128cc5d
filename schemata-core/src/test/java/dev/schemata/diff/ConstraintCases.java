package dev.schemata.diff;

import java.util.List;

import static dev.schemata.diff.HazardKind.*;

/** Primary keys, unique, check, exclusion and foreign key constraints. */
final class ConstraintCases {
    private ConstraintCases() {
    }

    private static final String PARENT = "CREATE TABLE p (id int PRIMARY KEY);";

    static final List<DiffCase> CASES = List.of(
            DiffCase.of("add primary key", "CREATE TABLE t (id int NOT NULL);", "CREATE TABLE t (id int PRIMARY KEY);",
                    INDEX_BUILD, ACCESS_EXCLUSIVE_LOCK),
            DiffCase.of("add primary key online", "CREATE TABLE t (id int NOT NULL);", "CREATE TABLE t (id int PRIMARY KEY);",
                    INDEX_BUILD).onlineMode()
                    .expectSql("CREATE UNIQUE INDEX CONCURRENTLY t_pkey", "ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey"),
            DiffCase.of("drop primary key", "CREATE TABLE t (id int PRIMARY KEY);", "CREATE TABLE t (id int NOT NULL);",
                    INDEX_DROPPED),
            DiffCase.of("change primary key columns", "CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));",
                    "CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));",
                    INDEX_DROPPED, INDEX_BUILD, ACCESS_EXCLUSIVE_LOCK),
            DiffCase.of("add unique constraint", "CREATE TABLE t (email text);", "CREATE TABLE t (email text UNIQUE);",
                    INDEX_BUILD, ACCESS_EXCLUSIVE_LOCK),
            DiffCase.of("add check", "CREATE TABLE t (n int);", "CREATE TABLE t (n int CHECK (n > 0));",
                    SCAN_UNDER_LOCK, ACCESS_EXCLUSIVE_LOCK),
            DiffCase.of("add check online", "CREATE TABLE t (n int);", "CREATE TABLE t (n int CHECK (n > 0));")
                    .onlineMode().expectSql("CHECK ((n > 0)) NOT VALID", "VALIDATE CONSTRAINT t_n_check"),
            DiffCase.of("change check", "CREATE TABLE t (n int CONSTRAINT pos CHECK (n > 0));",
                    "CREATE TABLE t (n int CONSTRAINT pos CHECK (n >= 0));", SCAN_UNDER_LOCK, ACCESS_EXCLUSIVE_LOCK),
            DiffCase.of("drop check", "CREATE TABLE t (n int CHECK (n > 0));", "CREATE TABLE t (n int);"),
            DiffCase.of("add not valid check: no scan", "CREATE TABLE t (n int);",
                    "CREATE TABLE t (n int); ALTER TABLE t ADD CONSTRAINT pos CHECK (n > 0) NOT VALID;"),
            DiffCase.of("validate a not valid check", "CREATE TABLE t (n int); ALTER TABLE t ADD CONSTRAINT pos CHECK (n > 0) NOT VALID;",
                    "CREATE TABLE t (n int CONSTRAINT pos CHECK (n > 0));").expectSql("VALIDATE CONSTRAINT pos"),
            DiffCase.of("add foreign key", PARENT + "CREATE TABLE c (p int);",
                    PARENT + "CREATE TABLE c (p int REFERENCES p ON DELETE CASCADE);", SCAN_UNDER_LOCK),
            DiffCase.of("add foreign key online", PARENT + "CREATE TABLE c (p int);",
                    PARENT + "CREATE TABLE c (p int REFERENCES p);").onlineMode()
                    .expectSql("FOREIGN KEY (p) REFERENCES public.p(id) NOT VALID", "VALIDATE CONSTRAINT c_p_fkey"),
            DiffCase.of("foreign key action changes", PARENT + "CREATE TABLE c (p int REFERENCES p);",
                    PARENT + "CREATE TABLE c (p int REFERENCES p ON DELETE SET NULL);", SCAN_UNDER_LOCK),
            DiffCase.of("new tables with foreign keys between them", "",
                    "CREATE TABLE a (id int PRIMARY KEY, b int); CREATE TABLE b (id int PRIMARY KEY, a int REFERENCES a);"
                            + "ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES b;"),
            DiffCase.of("drop referenced table and its foreign key", PARENT + "CREATE TABLE c (p int REFERENCES p);",
                    "CREATE TABLE c (p int);", DELETES_DATA),
            DiffCase.of("referenced primary key rebuilt: foreign key follows",
                    "CREATE TABLE p (id int, CONSTRAINT p_pkey PRIMARY KEY (id)); CREATE TABLE c (p int REFERENCES p);",
                    "CREATE TABLE p (id int, CONSTRAINT p_pkey PRIMARY KEY (id) WITH (fillfactor = 70)); CREATE TABLE c (p int REFERENCES p);",
                    INDEX_DROPPED, INDEX_BUILD, ACCESS_EXCLUSIVE_LOCK, SCAN_UNDER_LOCK),
            DiffCase.of("add exclusion constraint", "CREATE TABLE r (during tsrange);",
                    "CREATE TABLE r (during tsrange, EXCLUDE USING gist (during WITH &&));",
                    INDEX_BUILD, ACCESS_EXCLUSIVE_LOCK),
            DiffCase.of("renamed constraint is renamed, not rebuilt", "CREATE TABLE t (n int CONSTRAINT a UNIQUE);",
                    "CREATE TABLE t (n int CONSTRAINT b UNIQUE);").expectSql("RENAME CONSTRAINT a TO b"),
            DiffCase.of("deferrable unique constraint on new table", "",
                    "CREATE TABLE t (n int UNIQUE DEFERRABLE INITIALLY DEFERRED);"));
}
