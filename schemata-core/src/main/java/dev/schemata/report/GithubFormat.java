package dev.schemata.report;

import java.util.ArrayList;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…,title=…::message}), which the runner turns into
 * annotations on the pull request's diff. Escaping follows GitHub's documented rules (as its toolkit's
 * {@code command.ts} does): in the message {@code %}, CR and LF become {@code %25 %0D %0A}; in a property also
 * {@code :} and {@code ,} become {@code %3A %2C}. With them no finding can end its line early or start a command
 * of its own.
 */
public final class GithubFormat {
    private GithubFormat() {
    }

    /** One workflow command per finding, in the report's order. */
    public static List<String> commands(Report report) {
        List<String> lines = new ArrayList<>();
        for (Finding f : report.findings()) {
            lines.add(command(f));
        }
        return lines;
    }

    static String command(Finding f) {
        List<String> properties = new ArrayList<>();
        if (f.file() != null) {
            properties.add("file=" + property(f.file()));
            if (f.line() > 0) {
                properties.add("line=" + f.line());
                if (f.column() > 0) {
                    properties.add("col=" + f.column());
                }
            }
        }
        properties.add("title=" + property(f.title()));
        return "::" + f.level().label() + " " + String.join(",", properties) + "::" + data(f.message());
    }

    /** A message: {@code %}, CR and LF escaped. */
    public static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as {@link #data}, plus {@code :} and {@code ,}. */
    public static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
