import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.schemata.Schemata;
import dev.schemata.junit.MigratedDatabase;
import dev.schemata.junit.MigratedDatabases;
import dev.schemata.junit.SchemataExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Test databases, measured the way tests get them: a JUnit run of {@value #TESTS} tests that each need a migrated
 * database, through JUnit's launcher in this JVM. Three ways to get one:
 * <ul>
 *   <li>{@code template}: schemata-junit's extension (template migrated once, a copy per test, dropped after it),
 *       on the given server;</li>
 *   <li>{@code template-embedded}: the same on the throwaway server the extension starts itself (informative:
 *       its first database includes initdb and the server's start);</li>
 *   <li>{@code schemata}: a new database per test, migrated with Schemata's library, dropped after it;</li>
 *   <li>{@code flyway}: the same with Flyway's library.</li>
 * </ul>
 * Writes one line per run to the results file: mode, N, round, time to the first test's database (from before
 * JUnit starts to the first test's body) and the median time from one test's body to the next (one database
 * dropped, one made).
 *
 * <pre>
 * java -cp CLASSPATH bench/TestDatabases.java MODE N ROUND MIGRATIONS_DIR JDBC_BASE USER PASSWORD RESULTS
 * java bench/TestDatabases.java report RESULTS
 * </pre>
 */
public class TestDatabases {
    static final int TESTS = 11;
    static String dir;
    static String base;
    static String user;
    static String password;
    static final List<Long> bodies = new ArrayList<>();
    static int expected;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("report")) {
            report(Path.of(args[1]));
            return;
        }
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        String round = args[2];
        dir = args[3];
        base = args[4];
        user = args[5];
        password = args[6];
        expected = n;
        Class<?> tests = switch (mode) {
            case "template" -> Template.class;
            case "template-embedded" -> TemplateEmbedded.class;
            case "schemata" -> SchemataPerTest.class;
            case "flyway" -> FlywayPerTest.class;
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        long start = System.nanoTime();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests)).build(), listener);
        if (listener.getSummary().getTotalFailureCount() > 0 || bodies.size() != TESTS) {
            listener.getSummary().getFailures().forEach(f -> f.getException().printStackTrace());
            System.err.println(mode + ": " + bodies.size() + " of " + TESTS + " tests ran");
            System.exit(1);
        }
        long first = (bodies.get(0) - start) / 1_000_000;
        long[] gaps = new long[TESTS - 1];
        for (int i = 1; i < TESTS; i++) {
            gaps[i - 1] = bodies.get(i) - bodies.get(i - 1);
        }
        Arrays.sort(gaps);
        double perTest = gaps[gaps.length / 2] / 1e6;
        String line = String.format("%s\t%d\t%s\t%d\t%.1f%n", mode, n, round, first, perTest);
        System.out.print(line);
        Files.writeString(Path.of(args[7]), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** What every test does with its database: check it is migrated, and note when its body ran. */
    static void body(Connection c, String history) throws SQLException {
        bodies.add(System.nanoTime());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + history)) {
            rs.next();
            if (rs.getInt(1) != expected) {
                throw new IllegalStateException(history + " holds " + rs.getInt(1) + " rows, expected " + expected);
            }
        }
    }

    public static class Template {
        @RegisterExtension
        static SchemataExtension db = new SchemataExtension(
                MigratedDatabases.configure().locations("filesystem:" + dir).url(base + "/postgres", user, password));

        @RepeatedTest(TESTS)
        void test(MigratedDatabase db) throws SQLException {
            try (Connection c = db.connect()) {
                body(c, "schema_migrations");
            }
        }
    }

    public static class TemplateEmbedded {
        @RegisterExtension
        static SchemataExtension db = new SchemataExtension(MigratedDatabases.configure().locations("filesystem:" + dir));

        @RepeatedTest(TESTS)
        void test(MigratedDatabase db) throws SQLException {
            try (Connection c = db.connect()) {
                body(c, "schema_migrations");
            }
        }
    }

    /** A database per test, made and dropped around it: the usual way without templates. */
    abstract static class PerTest {
        private static int count;
        String name;

        @BeforeEach
        void create() throws SQLException {
            name = "bench_per_test_" + ProcessHandle.current().pid() + "_" + (++count);
            admin("CREATE DATABASE " + name + " TEMPLATE template0 STRATEGY FILE_COPY");
            migrate(base + "/" + name);
        }

        @AfterEach
        void drop() throws SQLException {
            admin("DROP DATABASE " + name + " WITH (FORCE)");
        }

        abstract void migrate(String url);

        abstract String history();

        @RepeatedTest(TESTS)
        void test() throws SQLException {
            try (Connection c = DriverManager.getConnection(base + "/" + name, user, password)) {
                body(c, history());
            }
        }

        static void admin(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(base + "/postgres", user, password); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    public static class SchemataPerTest extends PerTest {
        @Override
        void migrate(String url) {
            org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
            source.setURL(url);
            source.setUser(user);
            source.setPassword(password);
            Schemata.configure().dataSource(source).locations("filesystem:" + dir).load().migrate();
        }

        @Override
        String history() {
            return "schema_migrations";
        }
    }

    public static class FlywayPerTest extends PerTest {
        @Override
        void migrate(String url) {
            Flyway.configure().dataSource(url, user, password).locations("filesystem:" + dir).load().migrate();
        }

        @Override
        String history() {
            return "flyway_schema_history WHERE version IS NOT NULL";
        }
    }

    /** Medians over rounds, and the ratios of the template to the other ways. */
    static void report(Path results) throws IOException {
        Map<Integer, Map<String, List<double[]>>> byN = new TreeMap<>();
        for (String line : Files.readAllLines(results)) {
            String[] f = line.split("\t");
            byN.computeIfAbsent(Integer.parseInt(f[1]), k -> new TreeMap<>()).computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new double[]{Double.parseDouble(f[3]), Double.parseDouble(f[4])});
        }
        System.out.println("test databases (" + TESTS + " tests per run; lower is faster; below 1: the template is faster)");
        System.out.printf("%7s | %-26s %14s %14s | %-26s %14s %14s%n", "N", "first test's database", "template/sch.",
                "template/flyway", "per-test database", "template/sch.", "template/flyway");
        byN.forEach((n, modes) -> {
            double[] t = median(modes.get("template"));
            double[] s = median(modes.get("schemata"));
            double[] f = median(modes.get("flyway"));
            System.out.printf("%7d | %-26s %14s %14s | %-26s %14s %14s%n", n, "", ratio(t, s, 0), ratio(t, f, 0), "",
                    ratio(t, s, 1), ratio(t, f, 1));
        });
        System.out.println("medians, ms (informative): first database / per test");
        byN.forEach((n, modes) -> modes.forEach((mode, runs) -> {
            double[] m = median(runs);
            System.out.printf("%7d  %-18s %8.0f / %6.1f  (%d rounds)%n", n, mode, m[0], m[1], runs.size());
        }));
    }

    static double[] median(List<double[]> runs) {
        if (runs == null || runs.isEmpty()) {
            return null;
        }
        double[] out = new double[2];
        for (int k = 0; k < 2; k++) {
            final int i = k;
            double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
            out[k] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return out;
    }

    static String ratio(double[] a, double[] b, int k) {
        return a == null || b == null ? "-" : String.format("%.3f", a[k] / b[k]);
    }
}
