package dev.schemata.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code schemata completion}: prints a bash/zsh completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script: source <(schemata completion) in bash or zsh.")
final class CompletionCommand extends BaseCommand {
    @Override
    public Integer call() {
        String script = AutoComplete.bash("schemata", spec.root().commandLine());
        context().out().print(script);
        context().out().flush();
        return 0;
    }
}
