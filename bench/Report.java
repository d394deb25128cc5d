import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the harness's raw timings into the report: the ratio table on stdout, and the same numbers as
 * {@code results.tsv} (one line per measurement) and {@code results.json} (with the machine and versions),
 * so that documentation can quote a run. Ratios come first because the machine is shared and noisy;
 * absolute medians are printed too, but only to read the ratios against.
 *
 * <p>Run as a single-file program: {@code java bench/Report.java RAW.tsv META.tsv OUT.tsv OUT.json}.
 */
public final class Report {
    private static final String[] TOOLS = {"floor", "schemata", "flyway", "liquibase"};
    /** The ratios reported, as {numerator, denominator}: each tool against the floor, Schemata against each peer. */
    private static final String[][] RATIOS = {{"schemata", "floor"}, {"flyway", "floor"}, {"liquibase", "floor"},
            {"schemata", "flyway"}, {"schemata", "liquibase"}};
    /** Measures in report order, with their labels. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    /** The read-only measures as the targets name them. */
    private static final Map<String, String> SHORT = Map.of("status", "status", "validate", "validate",
            "noop-migrate", "no-op migrate");

    static {
        LABELS.put("startup", "process start (--version)");
        LABELS.put("migrate", "migrate N files, empty db");
        LABELS.put("status", "status (Flyway: info)");
        LABELS.put("validate", "validate");
        LABELS.put("noop-migrate", "migrate, nothing pending");
        LABELS.put("status-json", "status --json");
        LABELS.put("lemmy", "Lemmy's history, all ups");
        LABELS.put("plan", "plan, 500 tables, 2 changes");
        LABELS.put("dev-start-new", "dev start, new directory");
        LABELS.put("dev-stop", "dev stop");
        LABELS.put("dev-start-existing", "dev start, existing");
    }

    /** The timings of one tool for one measure and size. */
    /** Wall-clock times, and the median CPU time of the client process (null when not recorded). */
    record Stat(int runs, double median, long min, long max, Double cpuMedian) {
        static Stat of(List<long[]> runs) {
            long[] v = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
            long[] cpu = runs.stream().filter(r -> r[1] >= 0).mapToLong(r -> r[1]).sorted().toArray();
            return new Stat(v.length, median(v), v[0], v[v.length - 1], cpu.length == 0 ? null : median(cpu));
        }

        private static double median(long[] v) {
            int n = v.length;
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
        }
    }

    /** A measure at one size: each tool's timings (absent when the tool has no counterpart). */
    /**
     * A measure at one size: each tool's timings (absent when the tool has no counterpart), by round.
     * In a round the tools run back to back, so the load of the moment weighs on all of them alike.
     */
    record Row(String measure, int n, Map<String, Stat> tools, Map<String, Map<Integer, long[]>> rounds) {
        /**
         * The median over the rounds both tools ran in of a's time divided by b's: a slow stretch of the
         * shared machine then cancels out instead of landing on one tool's median.
         */
        Double ratio(String a, String b) {
            Map<Integer, long[]> x = rounds.get(a);
            Map<Integer, long[]> y = rounds.get(b);
            if (x == null || y == null) {
                return null;
            }
            List<Double> ratios = new ArrayList<>();
            x.forEach((round, ms) -> {
                long[] other = y.get(round);
                if (other != null && other[0] > 0) {
                    ratios.add(ms[0] / (double) other[0]);
                }
            });
            if (ratios.isEmpty()) {
                return null;
            }
            ratios.sort(null);
            int n = ratios.size();
            return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
        }
    }

    record Target(String name, String value, boolean measured, boolean met) {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                meta.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        // measure -> n -> tool -> round -> {wall ms, client CPU ms or -1}
        Map<String, Map<Integer, Map<String, Map<Integer, long[]>>>> raw = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            raw.computeIfAbsent(f[0], k -> new TreeMap<>()).computeIfAbsent(Integer.parseInt(f[1]), k -> new LinkedHashMap<>())
                    .computeIfAbsent(f[2], k -> new TreeMap<>())
                    .put(Integer.parseInt(f[3]), new long[] {Long.parseLong(f[4]), f.length > 5 ? Long.parseLong(f[5]) : -1});
        }
        List<Row> rows = new ArrayList<>();
        for (String measure : LABELS.keySet()) {
            raw.getOrDefault(measure, Map.of()).forEach((n, byTool) -> {
                Map<String, Stat> stats = new LinkedHashMap<>();
                for (String tool : TOOLS) {
                    if (byTool.containsKey(tool)) {
                        stats.put(tool, Stat.of(new ArrayList<>(byTool.get(tool).values())));
                    }
                }
                rows.add(new Row(measure, n, stats, byTool));
            });
        }
        List<Target> targets = targets(rows);
        targets.addAll(fixedCostTargets(rows, meta));
        print(meta, rows, targets);
        writeTsv(Path.of(args[2]), rows);
        writeJson(Path.of(args[3]), meta, rows, targets);
    }

    // ------------------------------------------------------------------------------------------ targets

    private static Row find(List<Row> rows, String measure, int n) {
        return rows.stream().filter(r -> r.measure().equals(measure) && r.n() == n).findFirst().orElse(null);
    }

    private static List<Target> targets(List<Row> rows) {
        List<Target> targets = new ArrayList<>();
        Row m1000 = find(rows, "migrate", 1000);
        Double ratio = m1000 == null ? null : m1000.ratio("schemata", "floor");
        String first = "migrate, N = 1,000: within 1.5x the floor";
        targets.add(ratio == null ? new Target(first, "not measured", false, false)
                : new Target(first, fmt(ratio) + "x", true, ratio <= 1.5));
        for (String measure : List.of("status", "validate", "noop-migrate")) {
            Row big = find(rows, measure, 10_000);
            Stat s = big == null ? null : big.tools().get("schemata");
            String name = SHORT.get(measure) + ", 10,000 applied: under 1 s";
            targets.add(s == null ? new Target(name, "not measured", false, false)
                    : new Target(name, String.format(Locale.ROOT, "%.2f s", s.median() / 1000)
                    + (s.cpuMedian() == null ? "" : String.format(Locale.ROOT, " (CPU %.2f s)", s.cpuMedian() / 1000)),
                    true, s.median() < 1000));
        }
        for (String measure : List.of("status", "validate", "noop-migrate")) {
            Row small = find(rows, measure, 1000);
            Row big = find(rows, measure, 10_000);
            String name = SHORT.get(measure) + ": growth 1,000 -> 10,000 at most 10x (linear)";
            if (small == null || big == null || !small.tools().containsKey("schemata") || !big.tools().containsKey("schemata")) {
                targets.add(new Target(name, "not measured", false, false));
                continue;
            }
            double growth = big.tools().get("schemata").median() / small.tools().get("schemata").median();
            targets.add(new Target(name, fmt(growth) + "x", true, growth <= 10));
        }
        return targets;
    }

    /**
     * The fixed cost every command pays, against the floors: start-up against a JVM that prints one line,
     * the read-only commands against psql reading the history, JSON against text, a real history against
     * one psql session, planning and the library's warm no-op migrate in absolute time.
     */
    private static List<Target> fixedCostTargets(List<Row> rows, Map<String, String> meta) {
        List<Target> targets = new ArrayList<>();
        ratioTarget(targets, "fixed: schemata --version / a JVM printing one line", find(rows, "startup", 0), "schemata", "jvm", 1.3);
        ratioTarget(targets, "fixed: migrate, N = 1,000 / floor", find(rows, "migrate", 1000), "schemata", "floor", 1.2);
        ratioTarget(targets, "fixed: Lemmy's history, all ups / one psql session", find(rows, "lemmy", 342), "schemata", "floor", 1.3);
        for (String measure : List.of("status", "validate", "noop-migrate")) {
            ratioTarget(targets, "fixed: " + SHORT.get(measure) + ", 10,000 applied / floor", find(rows, measure, 10_000),
                    "schemata", "floor", 3.0);
        }
        String json = "fixed: status --json / status, 10,000 applied: at most 1.05x";
        Double jsonRatio = pairedRatio(find(rows, "status-json", 10_000), find(rows, "status", 10_000));
        targets.add(jsonRatio == null ? new Target(json, "not measured", false, false)
                : new Target(json, fmt(jsonRatio) + "x", true, jsonRatio <= 1.05));
        Row plan = find(rows, "plan", 500);
        Stat p = plan == null ? null : plan.tools().get("schemata");
        String planName = "fixed: plan of 500 tables, whole process: at most 1 s";
        targets.add(p == null ? new Target(planName, "not measured", false, false)
                : new Target(planName, String.format(Locale.ROOT, "%.2f s", p.median() / 1000), true, p.median() <= 1000));
        String jmhName = "fixed: library no-op migrate(), 1,000 applied, warm (JMH): at most 30 ms";
        String jmh = meta.get("slot.jmh_noop_migrate_1000");
        Double ms = null;
        if (jmh != null) {
            try {
                ms = Double.parseDouble(jmh.split(" ")[0]);
            } catch (NumberFormatException e) {
                ms = null;
            }
        }
        targets.add(ms == null ? new Target(jmhName, "not measured", false, false)
                : new Target(jmhName, String.format(Locale.ROOT, "%.1f ms", ms), true, ms <= 30));
        return targets;
    }

    private static void ratioTarget(List<Target> targets, String name, Row row, String a, String b, double most) {
        Double ratio = row == null ? null : row.ratio(a, b);
        targets.add(ratio == null ? new Target(name + ": at most " + most + "x", "not measured", false, false)
                : new Target(name + ": at most " + most + "x", fmt(ratio) + "x", true, ratio <= most));
    }

    /** Schemata's time in one measure over its time in another, round by round (the median of those ratios). */
    private static Double pairedRatio(Row a, Row b) {
        if (a == null || b == null || !a.rounds().containsKey("schemata") || !b.rounds().containsKey("schemata")) {
            return null;
        }
        Map<String, Map<Integer, long[]>> both = Map.of("a", a.rounds().get("schemata"), "b", b.rounds().get("schemata"));
        return new Row(a.measure(), a.n(), Map.of(), both).ratio("a", "b");
    }

    // ------------------------------------------------------------------------------------------ output

    private static String fmt(Double d) {
        if (d == null) {
            return "-";
        }
        return String.format(Locale.ROOT, d >= 100 ? "%.0f" : d >= 10 ? "%.1f" : "%.2f", d);
    }

    private static String cpu(Stat s) {
        return s == null || s.cpuMedian() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.cpuMedian());
    }

    private static String ms(Stat s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.0f", s.median());
    }

    private static String runs(Row r) {
        List<String> parts = new ArrayList<>();
        for (String tool : TOOLS) {
            Stat s = r.tools().get(tool);
            parts.add(s == null ? "-" : String.valueOf(s.runs()));
        }
        return String.join("/", parts);
    }

    private static String size(int n) {
        return n == 0 ? "" : String.format(Locale.ROOT, "%,d", n);
    }

    private static void print(Map<String, String> meta, List<Row> rows, List<Target> targets) {
        StringBuilder out = new StringBuilder();
        out.append("\nSchemata benchmark: one run, one PostgreSQL server, whole processes timed\n");
        out.append(String.format("machine:    %s cores (nproc), %s memory, %s, %s%n", meta.get("machine.nproc"),
                meta.get("machine.memory"), meta.get("machine.cpu"), meta.get("machine.os")));
        out.append(String.format("postgresql: %s; %s%n", meta.get("postgresql"), meta.get("postgresql.settings")));
        if (meta.containsKey("version.flyway")) {
            out.append(String.format("tools:      %s; Flyway %s (Java API, JVM options: %s); Liquibase %s (Java API, JVM options: %s);%n"
                            + "            %s; %s%n", meta.get("version.schemata"), meta.get("version.flyway"), meta.get("run.flyway_java_opts"),
                    meta.get("version.liquibase"), meta.get("run.liquibase_java_opts"), meta.get("version.psql"), meta.get("version.java")));
        } else {
            out.append(String.format("tools:      %s; %s; %s%n", meta.get("version.schemata"), meta.get("version.psql"),
                    meta.get("version.java")));
        }
        if (meta.containsKey("version.java_launcher")) {
            out.append(String.format("launcher:   %s%n", meta.get("version.java_launcher")));
        }
        out.append(String.format("run:        %s, seed %s, N = %s, rounds: %s, %s s in all%n",
                meta.get("run.date"), meta.get("run.seed"), meta.get("run.sizes"), meta.get("run.rounds"), meta.get("run.seconds")));
        out.append(String.format("load:       %s before, %s after (1/5/15-minute load averages: other work on the machine)%n%n",
                meta.get("run.load_before"), meta.get("run.load_after")));

        // Two tables, ratios first and then the times they come from, so that neither gets too wide to read.
        String ratioHeader = String.format("%-28s %7s | %14s %12s %15s | %15s %18s | %-9s%n", "measure", "N",
                "schemata/floor", "flyway/floor", "liquibase/floor", "schemata/flyway", "schemata/liquibase", "f/s/fw/lq");
        out.append(String.format("%-36s | %-43s | %-34s | %s%n", "", "ratios: each tool / floor", "ratios: Schemata / each peer",
                "runs"));
        out.append(ratioHeader);
        out.append("-".repeat(ratioHeader.length() - 1)).append('\n');
        for (Row r : rows) {
            out.append(String.format("%-28s %7s | %14s %12s %15s | %15s %18s | %-9s%n", LABELS.get(r.measure()), size(r.n()),
                    fmt(r.ratio("schemata", "floor")), fmt(r.ratio("flyway", "floor")), fmt(r.ratio("liquibase", "floor")),
                    fmt(r.ratio("schemata", "flyway")), fmt(r.ratio("schemata", "liquibase")), runs(r)));
        }
        out.append("ratios: the median over rounds (lower: faster)\n\n");
        String timeHeader = String.format("%-28s %7s | %9s %9s %9s %10s | %9s%n", "measure", "N",
                "floor ms", "schem. ms", "flyway ms", "liquib. ms", "schem. ms");
        out.append(String.format("%-36s | %-40s | %s%n", "", "median wall time, informative", "client CPU"));
        out.append(timeHeader);
        out.append("-".repeat(timeHeader.length() - 1)).append('\n');
        for (Row r : rows) {
            Stat schemata = r.tools().get("schemata");
            out.append(String.format("%-28s %7s | %9s %9s %9s %10s | %9s%n", LABELS.get(r.measure()), size(r.n()),
                    ms(r.tools().get("floor")), ms(schemata), ms(r.tools().get("flyway")), ms(r.tools().get("liquibase")),
                    schemata == null || schemata.cpuMedian() == null ? "-" : String.format(Locale.ROOT, "%.0f", schemata.cpuMedian())));
        }
        out.append("""

                floor = the least any tool could do:
                  migrate                  one psql session, BEGIN; \\i file; COMMIT; per file (no history table)
                  status/validate/no-op    one psql process reading the N rows of the history table
                  dev start/stop           initdb + pg_ctl start + createdb / pg_ctl stop / pg_ctl start, same binaries
                  process start            psql --version (and a JVM printing one line: see the targets)
                  Lemmy's history          one psql session, BEGIN; \\i up.sql; COMMIT; per migration
                ratio = the median over rounds of one tool's time divided by the other's in the same round (the tools
                  take turns within a round); medians = each tool's median time, to read the ratios against
                runs f/s/fw/lq = how many runs of the floor, Schemata, Flyway and Liquibase
                Liquibase: status = the state of every changeset, validate = its validate command, no-op and
                  migrate = its update command
                client CPU = user + system time of the Schemata process (not the server's): it moves much less
                  than wall time when other work loads the machine
                """);

        Row start = find(rows, "startup", 0);
        if (start != null && start.rounds().containsKey("jvm")) {
            Stat jvm = Stat.of(new ArrayList<>(start.rounds().get("jvm").values()));
            out.append(String.format(Locale.ROOT, "%nprocess start, median ms (client CPU): psql --version %s (%s), a JVM printing one line %s (%s),"
                            + " schemata --version %s (%s)%n", ms(start.tools().get("floor")), cpu(start.tools().get("floor")),
                    ms(jvm), cpu(jvm), ms(start.tools().get("schemata")), cpu(start.tools().get("schemata"))));
        }
        out.append("\ntargets (Schemata):\n");
        for (Target t : targets) {
            out.append(String.format("  %-76s %14s  %s%n", t.name(), t.value(), !t.measured() ? "" : t.met() ? "met" : "MISSED"));
        }
        out.append("\ngrowth 1,000 -> 10,000 applied (N grew 10x):\n");
        if (find(rows, "status", 10_000) == null) {
            out.append("  not measured (needs N = 10,000: the full run)\n");
        }
        for (String measure : List.of("status", "validate", "noop-migrate")) {
            Row small = find(rows, measure, 1000);
            Row big = find(rows, measure, 10_000);
            if (small == null || big == null) {
                continue;
            }
            out.append(String.format("  %-28s schemata %sx, flyway %sx, liquibase %sx%n", LABELS.get(measure),
                    fmt(growth(small, big, "schemata")), fmt(growth(small, big, "flyway")), fmt(growth(small, big, "liquibase"))));
        }
        Row m1 = find(rows, "migrate", 1000);
        Row m10 = find(rows, "migrate", 10_000);
        if (m1 != null && m10 != null) {
            out.append(String.format("  %-28s floor %sx, schemata %sx, flyway %sx, liquibase %sx%n", "migrate from empty",
                    fmt(growth(m1, m10, "floor")), fmt(growth(m1, m10, "schemata")), fmt(growth(m1, m10, "flyway")),
                    fmt(growth(m1, m10, "liquibase"))));
        }
        List<String> notes = new ArrayList<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("note.")) {
                notes.add(v);
            } else if (k.startsWith("slot.")) {
                notes.add(k.substring(5).replace('_', ' ') + ": " + v);
            }
        });
        if (!notes.isEmpty()) {
            out.append("\nnotes:\n");
            notes.forEach(n -> out.append("  ").append(n).append('\n'));
        }
        System.out.print(out);
    }

    private static Double growth(Row small, Row big, String tool) {
        Stat a = small.tools().get(tool);
        Stat b = big.tools().get(tool);
        return a == null || b == null ? null : b.median() / a.median();
    }

    private static void writeTsv(Path file, List<Row> rows) throws IOException {
        StringBuilder out = new StringBuilder("measure\tn");
        for (String tool : TOOLS) {
            out.append('\t').append(tool).append("_ms");
        }
        for (String tool : TOOLS) {
            out.append("\truns_").append(tool);
        }
        for (String[] ratio : RATIOS) {
            out.append('\t').append(ratio[0]).append("_over_").append(ratio[1]);
        }
        for (String tool : TOOLS) {
            out.append('\t').append(tool).append("_cpu_ms");
        }
        out.append('\n');
        for (Row r : rows) {
            out.append(r.measure()).append('\t').append(r.n());
            for (String tool : TOOLS) {
                out.append('\t').append(ms(r.tools().get(tool)));
            }
            for (String tool : TOOLS) {
                Stat s = r.tools().get(tool);
                out.append('\t').append(s == null ? "-" : String.valueOf(s.runs()));
            }
            for (String[] ratio : RATIOS) {
                out.append('\t').append(fmt(r.ratio(ratio[0], ratio[1])));
            }
            for (String tool : TOOLS) {
                Stat s = r.tools().get(tool);
                out.append('\t').append(s == null || s.cpuMedian() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.cpuMedian()));
            }
            out.append('\n');
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static void writeJson(Path file, Map<String, String> meta, List<Row> rows, List<Target> targets) throws IOException {
        StringBuilder out = new StringBuilder("{\n  \"meta\": {");
        String sep = "\n";
        for (Map.Entry<String, String> e : meta.entrySet()) {
            out.append(sep).append("    ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
            sep = ",\n";
        }
        out.append("\n  },\n  \"results\": [");
        sep = "\n";
        for (Row r : rows) {
            out.append(sep).append("    {\"measure\": ").append(str(r.measure())).append(", \"n\": ").append(r.n());
            for (String tool : TOOLS) {
                Stat s = r.tools().get(tool);
                if (s != null) {
                    out.append(", ").append(str(tool)).append(": {\"runs\": ").append(s.runs()).append(", \"median_ms\": ")
                            .append(String.format(Locale.ROOT, "%.1f", s.median())).append(", \"min_ms\": ").append(s.min())
                            .append(", \"max_ms\": ").append(s.max()).append(", \"cpu_median_ms\": ")
                            .append(s.cpuMedian() == null ? "null" : String.format(Locale.ROOT, "%.1f", s.cpuMedian())).append('}');
                }
            }
            for (String[] ratio : RATIOS) {
                out.append(", ").append(str(ratio[0] + "_over_" + ratio[1])).append(": ").append(num(r.ratio(ratio[0], ratio[1])));
            }
            out.append('}');
            sep = ",\n";
        }
        out.append("\n  ],\n  \"targets\": [");
        sep = "\n";
        for (Target t : targets) {
            out.append(sep).append("    {\"target\": ").append(str(t.name())).append(", \"value\": ").append(str(t.value()))
                    .append(", \"met\": ").append(t.measured() ? String.valueOf(t.met()) : "null").append('}');
            sep = ",\n";
        }
        out.append("\n  ]\n}\n");
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static String num(Double d) {
        return d == null ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
