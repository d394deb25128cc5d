package dev.schemata.lint;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lints SQL text in tests: one or more named files as one run, statically or against a database. */
final class Lint {
    private final List<LintSource> sources = new ArrayList<>();
    private LintOptions options = LintOptions.defaults();
    private Connection connection;

    static Lint file(String name, String sql) {
        return new Lint().and(name, sql);
    }

    static Lint sql(String sql) {
        return file("001_test.sql", sql);
    }

    Lint and(String name, String sql) {
        sources.add(LintSource.of(name, sql));
        return this;
    }

    Lint options(LintOptions newOptions) {
        options = newOptions;
        return this;
    }

    Lint against(Connection c) {
        connection = c;
        return this;
    }

    LintReport report() {
        return Linter.lint(sources, Optional.ofNullable(connection), options);
    }

    List<Finding> findings() {
        return report().findings();
    }

    /** The rule ids reported, in order. */
    List<String> rules() {
        return findings().stream().map(Finding::rule).toList();
    }

    /** The findings of one rule. */
    List<Finding> of(String rule) {
        return findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
