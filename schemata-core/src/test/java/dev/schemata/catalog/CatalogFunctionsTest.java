package dev.schemata.catalog;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.schemata.catalog.Catalogs.build;
import static dev.schemata.catalog.Catalogs.pub;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class CatalogFunctionsTest {

    @Test
    void overloadsAreTellApartByTheirIdentityArguments(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE FUNCTION area(r numeric) RETURNS numeric
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT pi() * r * r';
                CREATE FUNCTION area(w numeric, h numeric DEFAULT 1) RETURNS numeric
                    LANGUAGE sql STABLE AS 'SELECT w * h';
                """);

        List<Function> overloads = model.functions(pub("area"));
        assertThat(overloads).extracting(Function::identityArguments).containsExactly("r numeric", "w numeric, h numeric");
        Function circle = overloads.get(0);
        assertThat(circle.volatility()).isEqualTo(Function.Volatility.IMMUTABLE);
        assertThat(circle.strict()).isTrue();
        assertThat(circle.parallel()).isEqualTo(Function.Parallel.SAFE);
        assertThat(circle.result()).isEqualTo("numeric");
        assertThat(circle.language()).isEqualTo("sql");
        assertThat(circle.definition()).startsWith("CREATE OR REPLACE FUNCTION public.area(r numeric)");
        Function rectangle = overloads.get(1);
        assertThat(rectangle.arguments()).isEqualTo("w numeric, h numeric DEFAULT 1");
        assertThat(rectangle.volatility()).isEqualTo(Function.Volatility.STABLE);
        assertThat(rectangle.strict()).isFalse();
        assertThat(rectangle.parallel()).isEqualTo(Function.Parallel.UNSAFE);
        assertThat(model.function(pub("area"), "w numeric, h numeric")).contains(rectangle);
    }

    @Test
    void procedureWithSecurityDefinerAndSettings(TestDatabase db) {
        SchemaModel model = build(db, """
                CREATE PROCEDURE cleanup(days integer DEFAULT 30)
                    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET work_mem = '64MB'
                    AS $$ BEGIN PERFORM days; END $$;
                CREATE FUNCTION plain() RETURNS void LANGUAGE sql AS '';
                """);

        Function cleanup = model.functions(pub("cleanup")).get(0);
        assertThat(cleanup.isProcedure()).isTrue();
        assertThat(cleanup.result()).isNull();
        assertThat(cleanup.identityArguments()).isEqualTo("IN days integer");
        assertThat(cleanup.arguments()).isEqualTo("IN days integer DEFAULT 30");
        assertThat(cleanup.language()).isEqualTo("plpgsql");
        assertThat(cleanup.securityDefiner()).isTrue();
        assertThat(cleanup.settings()).containsExactly("search_path=public", "work_mem=64MB");
        assertThat(cleanup.definition()).startsWith("CREATE OR REPLACE PROCEDURE public.cleanup(IN days integer DEFAULT 30)")
                .contains("SECURITY DEFINER", "BEGIN PERFORM days; END");

        Function plain = model.functions(pub("plain")).get(0);
        assertThat(plain.isProcedure()).isFalse();
        assertThat(plain.securityDefiner()).isFalse();
        assertThat(plain.settings()).isEmpty();
        assertThat(plain.volatility()).isEqualTo(Function.Volatility.VOLATILE);
        assertThat(plain.signature()).isEqualTo("public.plain()");
    }
}
