package dev.schemata.diff;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Type names as {@code format_type} prints them, split into what a cast names and the modifier. */
class TypeNameTest {

    private static TypeChange.TypeName parse(String type) {
        return TypeChange.TypeName.parse(type);
    }

    @Test
    void lengthTypesCastWithoutTheirLimit() {
        assertThat(parse("character varying(4)")).isEqualTo(new TypeChange.TypeName("character varying", "4", "character varying(4)", 0));
        assertThat(parse("character varying(4)").castTarget()).isEqualTo("character varying");
        assertThat(parse("character(3)[]").castTarget()).isEqualTo("bpchar[]");
        assertThat(parse("bit(8)").castTarget()).isEqualTo("\"bit\"");
        assertThat(parse("bit varying(8)").castTarget()).isEqualTo("bit varying");
    }

    @Test
    void otherModifiersAreKeptForTheCast() {
        assertThat(parse("numeric(12,2)")).isEqualTo(new TypeChange.TypeName("numeric", "12,2", "numeric(12,2)", 0));
        assertThat(parse("numeric(12,2)[][]").castTarget()).isEqualTo("numeric(12,2)[][]");
        assertThat(parse("timestamp(3) with time zone").base()).isEqualTo("timestamp with time zone");
        assertThat(parse("time(0) without time zone").modifier()).isEqualTo("0");
        assertThat(parse("interval year to month")).isEqualTo(new TypeChange.TypeName("interval", "year to month", "interval year to month", 0));
        assertThat(parse("interval(3)").modifier()).isEqualTo("(3)");
        assertThat(parse("public.vector(3)")).isEqualTo(new TypeChange.TypeName("public.vector", "3", "public.vector(3)", 0));
    }

    @Test
    void namesWithoutModifiers() {
        assertThat(parse("integer")).isEqualTo(new TypeChange.TypeName("integer", null, "integer", 0));
        assertThat(parse("public.mood[]")).isEqualTo(new TypeChange.TypeName("public.mood", null, "public.mood", 1));
        assertThat(parse("public.\"odd(1)\"")).isEqualTo(new TypeChange.TypeName("public.\"odd(1)\"", null, "public.\"odd(1)\"", 0));
        assertThat(parse("intervals.t")).isEqualTo(new TypeChange.TypeName("intervals.t", null, "intervals.t", 0));
    }
}
