package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where failures become exit codes and messages. Exit codes: 0 success; 1 the operation
 * failed or found problems; 2 bad usage, configuration or input files; 3 cannot connect or authenticate;
 * 4 the migration lock was not acquired in time. Stack traces only with {@code --debug}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int USAGE = ErrorCode.BAD_USAGE.exitCode();

    private final SchemataCommand root;

    Failures(SchemataCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        Output output = root.output();
        ErrorCode code;
        String message;
        if (e instanceof SchemataException se) {
            code = se.code();
            message = se.getMessage();
        } else {
            code = ErrorCode.OPERATION_FAILED;
            message = "unexpected failure: " + e + (root.options().debug ? "" : " (run again with --debug for details)");
        }
        report(output, code.name(), code.exitCode(), message, e);
        return code.exitCode();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        Output output = root.output();
        String help = e.getCommandLine().getCommandSpec().qualifiedName() + " --help";
        report(output, ErrorCode.BAD_USAGE.name(), USAGE, e.getMessage() + "\nSee '" + help + "'.", e);
        return USAGE;
    }

    private void report(Output output, String code, int exitCode, String message, Exception e) {
        output.error(message);
        if (root.options().debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            output.raw(trace.toString());
        }
        if (output.json()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("exitCode", exitCode);
            error.put("message", output.diagnostic(message));
            output.json(Map.of("error", error));
        }
    }
}
