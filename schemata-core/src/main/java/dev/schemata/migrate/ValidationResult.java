package dev.schemata.migrate;

import java.util.List;

/** What {@code validate} found: empty problems means the database matches its migrations. */
public record ValidationResult(StatusReport status, List<String> problems) {
    public ValidationResult {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
