package dev.schemata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Token boundaries and types, as PostgreSQL's scanner draws them. */
class TokenTest {

    static List<Token> tokens(String sql) {
        List<Statement> statements = SqlScanner.split(sql, "t.sql");
        assertThat(statements).hasSize(1);
        return statements.get(0).tokens();
    }

    @Test
    void operatorsAreTheLongestRunOfOperatorCharacters() {
        assertThat(tokens("SELECT a->>'k', b @> c, d <= e, f != g, h || i, j #>> k, l::int"))
                .filteredOn(t -> t.type() == TokenType.OPERATOR).extracting(Token::text)
                .containsExactly("->>", "@>", "<=", "!=", "||", "#>>", "::");
    }

    @Test
    void trailingSignsSplitOffUnlessTheOperatorHasAnUnusualCharacter() {
        assertThat(tokens("SELECT 1=-1, 2 @- 3, 4*-5")).filteredOn(t -> t.type() == TokenType.OPERATOR)
                .extracting(Token::text).containsExactly("=", "-", "@-", "*", "-");
    }

    @Test
    void punctuationIsOneCharacterEach() {
        assertThat(tokens("SELECT (a[1]).b, c := d, e .. f")).extracting(Token::type, Token::text).containsExactly(
                tuple(TokenType.WORD, "SELECT"), tuple(TokenType.PUNCT, "("), tuple(TokenType.WORD, "a"),
                tuple(TokenType.PUNCT, "["), tuple(TokenType.NUMBER, "1"), tuple(TokenType.PUNCT, "]"),
                tuple(TokenType.PUNCT, ")"), tuple(TokenType.PUNCT, "."), tuple(TokenType.WORD, "b"),
                tuple(TokenType.PUNCT, ","), tuple(TokenType.WORD, "c"), tuple(TokenType.OPERATOR, ":="),
                tuple(TokenType.WORD, "d"), tuple(TokenType.PUNCT, ","), tuple(TokenType.WORD, "e"),
                tuple(TokenType.OPERATOR, ".."), tuple(TokenType.WORD, "f"));
    }

    @Test
    void numbersInTheirPostgresqlForms() {
        assertThat(tokens("SELECT 42, 1.5e-3, .5, 1., 0x1F, 0o17, 0b101, 1_000_000, 1..10, 3e"))
                .filteredOn(t -> t.type() != TokenType.PUNCT).extracting(Token::type, Token::text).containsExactly(
                        tuple(TokenType.WORD, "SELECT"), tuple(TokenType.NUMBER, "42"),
                        tuple(TokenType.NUMBER, "1.5e-3"), tuple(TokenType.NUMBER, ".5"),
                        tuple(TokenType.NUMBER, "1."), tuple(TokenType.NUMBER, "0x1F"),
                        tuple(TokenType.NUMBER, "0o17"), tuple(TokenType.NUMBER, "0b101"),
                        tuple(TokenType.NUMBER, "1_000_000"), tuple(TokenType.NUMBER, "1"),
                        tuple(TokenType.OPERATOR, ".."), tuple(TokenType.NUMBER, "10"),
                        tuple(TokenType.NUMBER, "3"), tuple(TokenType.WORD, "e"));
    }

    @Test
    void wordsMayHoldDollarsDigitsAndNonAsciiLetters() {
        assertThat(tokens("SELECT x$1, _ä2, \"Mixed Case\"")).filteredOn(t -> t.type() != TokenType.PUNCT)
                .extracting(Token::type, Token::text).containsExactly(
                        tuple(TokenType.WORD, "SELECT"), tuple(TokenType.WORD, "x$1"),
                        tuple(TokenType.WORD, "_ä2"), tuple(TokenType.QUOTED_IDENT, "\"Mixed Case\""));
    }

    @Test
    void aLoneDollarIsNotADollarQuote() {
        assertThat(tokens("SELECT $foo + 1")).extracting(Token::type, Token::text).containsExactly(
                tuple(TokenType.WORD, "SELECT"), tuple(TokenType.PUNCT, "$"), tuple(TokenType.WORD, "foo"),
                tuple(TokenType.OPERATOR, "+"), tuple(TokenType.NUMBER, "1"));
    }

    @Test
    void isKeywordMatchesUnquotedWordsIgnoringCase() {
        List<Token> tokens = tokens("create \"CREATE\" 'create'");
        assertThat(tokens.get(0).isKeyword("CREATE")).isTrue();
        assertThat(tokens.get(0).isKeyword("CREATED")).isFalse();
        assertThat(tokens.get(1).isKeyword("CREATE")).isFalse();
        assertThat(tokens.get(2).isKeyword("CREATE")).isFalse();
    }

    @Test
    void tokenEndLineCountsTheLinesItSpans() {
        List<Token> tokens = tokens("SELECT /* a\nb\n*/ 'x'");
        assertThat(tokens).extracting(Token::line, Token::endLine)
                .containsExactly(tuple(1, 1), tuple(1, 3), tuple(3, 3));
    }
}
