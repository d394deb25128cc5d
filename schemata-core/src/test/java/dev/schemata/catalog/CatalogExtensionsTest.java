package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static dev.schemata.catalog.Catalogs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(PostgresExtension.class)
class CatalogExtensionsTest {

    @Test
    void extensionIsListedWithItsVersionButNotTheObjectsItCreated(TestDatabase db) {
        requireExtensions(db, "citext", "pgcrypto");
        SchemaModel model = build(db, """
                CREATE EXTENSION citext;
                CREATE EXTENSION pgcrypto;
                CREATE TABLE member (email citext PRIMARY KEY, secret bytea);
                CREATE FUNCTION hash_secret(s text) RETURNS bytea LANGUAGE sql AS $$ SELECT digest(s, 'sha256') $$;
                """);

        assertThat(model.extensions()).extracting(Extension::name).containsExactly("citext", "pgcrypto", "plpgsql");
        Extension citext = model.extensions().get(0);
        assertThat(citext.version()).isEqualTo(db.value("SELECT extversion FROM pg_extension WHERE extname = 'citext'"));
        assertThat(citext.schema()).isEqualTo("public");
        assertThat(model.functions()).extracting(Function::name).containsExactly(pub("hash_secret"));
        assertThat(model.unsupported()).isEmpty();
        assertThat(model.domains()).isEmpty();
        assertThat(model.table(pub("member")).orElseThrow().columns().get(0).type()).isEqualTo("public.citext");
    }

    @Test
    void extensionInAnUnselectedSchemaIsLeftOutButPgCatalogOnesAreKept(TestDatabase db) {
        requireExtensions(db, "citext");
        db.execute("CREATE SCHEMA ext; CREATE EXTENSION citext SCHEMA ext; CREATE SCHEMA app;");

        assertThat(read(db, SchemaFilter.only("app")).extensions()).extracting(Extension::name)
                .containsExactly("plpgsql");
        assertThat(read(db, SchemaFilter.only("app", "ext")).extensions()).extracting(Extension::name)
                .containsExactly("citext", "plpgsql");
    }

    private static void requireExtensions(TestDatabase db, String... names) {
        for (String name : names) {
            assumeTrue(db.value("SELECT count(*) FROM pg_available_extensions WHERE name = '" + name + "'")
                    .equals(1L), "the test server has no " + name + " extension (contrib)");
        }
    }
}
