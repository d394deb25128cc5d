package dev.schemata.cli;

import picocli.CommandLine.Option;

/** {@code --format} of validate, drift, plan and verify-rollback (lint has its own, which also offers sarif). */
final class ReportFormatOption {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "human, json, github (annotations and a step summary), junit (JUnit XML) or markdown "
                    + "(default: human; --json is json). See docs/ci.md.")
    String format;

    /** The format asked for; see {@link CiReports#choose}. */
    String chosen(Output output) {
        return CiReports.choose(format, output.json(), CiReports.formats());
    }
}
