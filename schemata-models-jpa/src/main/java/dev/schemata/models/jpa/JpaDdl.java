package dev.schemata.models.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Table;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;

import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java dev.schemata.models.jpa.JpaDdl (--persistence-unit NAME | --packages a.b,c.d) [--property K=V]…}
 * prints on its standard output the {@code CREATE} statements the JPA provider on the classpath writes for the
 * entities ({@code jakarta.persistence.schema-generation.scripts.action=create}, PostgreSQL, no connection).
 *
 * <p>Exit codes: 0 with the DDL printed; 2 with a message instead of the DDL when the arguments are wrong,
 * no provider is on the classpath, the unit is unknown, the packages hold no entity, or the provider rejects
 * the mapping.
 */
public final class JpaDdl {
    static final int BAD_INPUT = 2;

    private JpaDdl() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // The provider and the application's logging may write to the standard output: only the DDL goes there.
        System.setOut(System.err);
        try {
            String ddl = run(args);
            out.print(ddl);
            out.flush();
            // Threads the provider or the application may have started must not keep this JVM alive.
            System.exit(0);
        } catch (Failure e) {
            // On the standard output, which carries nothing else then: the provider's log stays apart on stderr.
            out.println(e.getMessage());
            out.flush();
            System.exit(BAD_INPUT);
        }
    }

    /** A failure the user can act on: its message is all they need. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /** The DDL for the command-line arguments. */
    static String run(String[] args) {
        String unit = null;
        List<String> packages = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        String databaseVersion = "15";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--persistence-unit" -> unit = required(arg, value);
                case "--packages" -> {
                    for (String p : required(arg, value).split(",")) {
                        if (!p.isBlank()) {
                            packages.add(p.strip());
                        }
                    }
                }
                case "--property" -> {
                    String pair = required(arg, value);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new Failure("--property takes KEY=VALUE, not " + pair);
                    }
                    properties.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
                case "--database-version" -> databaseVersion = required(arg, value);
                default -> throw new Failure("unknown argument " + arg + "; usage: JpaDdl (--persistence-unit NAME | "
                        + "--packages a.b,c.d) [--property KEY=VALUE]… [--database-version MAJOR]");
            }
            i++;
        }
        if ((unit == null) == packages.isEmpty()) {
            throw new Failure("give either --persistence-unit NAME or --packages a.b,c.d");
        }
        return generate(unit, packages, properties, databaseVersion);
    }

    private static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new Failure(option + " needs a value");
        }
        return value;
    }

    static String generate(String unit, List<String> packages, Map<String, String> userProperties, String databaseVersion) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<PersistenceProvider> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                .getPersistenceProviders();
        if (providers.isEmpty()) {
            throw new Failure("no JPA provider on the classpath (such as Hibernate, org.hibernate.orm:hibernate-core): "
                    + "give the application's whole runtime classpath");
        }
        StringWriter ddl = new StringWriter();
        Map<String, Object> properties = properties(ddl, userProperties, databaseVersion);
        List<String> classes;
        try {
            if (unit != null) {
                Persistence.generateSchema(unit, properties);
                classes = declaredClasses(unit, loader);
            } else {
                ScannedUnit scanned = ScannedUnit.scan(packages, loader);
                PersistenceProvider provider = providers.get(0);
                provider.generateSchema(scanned, properties);
                classes = scanned.managedClassNames();
            }
        } catch (Failure e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new Failure(describe(unit, e));
        }
        String text = ddl.toString();
        if (text.isBlank()) {
            throw new Failure("the JPA provider wrote no DDL for " + (unit != null ? "the persistence unit " + unit
                    : "the packages " + String.join(", ", packages)) + unknownUnitHint(unit));
        }
        return (text.endsWith("\n") ? text : text + "\n") + entityComments(classes, loader);
    }

    /**
     * {@code -- entity CLASS maps table TABLE} for each entity (a plain comment, no directive), so that a
     * difference can point at the class that maps the table: the table as {@code @Table} names it, else the
     * entity's name (a naming strategy may still change its spelling, which the reader allows for).
     */
    static String entityComments(List<String> classes, ClassLoader loader) {
        StringBuilder comments = new StringBuilder();
        for (String name : classes) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                Entity entity = type.getAnnotation(Entity.class);
                if (entity == null) {
                    continue;
                }
                Table table = type.getAnnotation(Table.class);
                String tableName = table != null && !table.name().isBlank() ? table.name()
                        : !entity.name().isBlank() ? entity.name() : type.getSimpleName();
                String schema = table != null && !table.schema().isBlank() ? table.schema() + "." : "";
                comments.append("-- entity ").append(name).append(" maps table ").append(schema).append(tableName).append('\n');
            } catch (ClassNotFoundException | LinkageError e) {
                // the provider read it; without the class there is just no pointer to its source
            }
        }
        return comments.toString();
    }

    /** The {@code <class>} entries of the unit in the classpath's {@code persistence.xml} files. */
    private static List<String> declaredClasses(String unit, ClassLoader loader) {
        List<String> classes = new ArrayList<>();
        Pattern unitPattern = Pattern.compile("<persistence-unit\\s[^>]*name\\s*=\\s*[\"']" + Pattern.quote(unit)
                + "[\"'][^>]*>(.*?)</persistence-unit>", Pattern.DOTALL);
        Pattern classPattern = Pattern.compile("<class>\\s*([^<\\s]+)\\s*</class>");
        try {
            var resources = loader.getResources("META-INF/persistence.xml");
            while (resources.hasMoreElements()) {
                try (var in = resources.nextElement().openStream()) {
                    Matcher m = unitPattern.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        Matcher c = classPattern.matcher(m.group(1));
                        while (c.find()) {
                            classes.add(c.group(1));
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            // no pointers to the sources, the DDL is complete without them
        }
        return classes;
    }

    /**
     * The standard properties that make a provider write the {@code CREATE} script for PostgreSQL without a
     * connection. The two {@code hibernate.*} ones keep Hibernate from opening one anyway and from running
     * the statements together; other providers ignore them. The user's properties come last and win.
     */
    static Map<String, Object> properties(StringWriter target, Map<String, String> user, String databaseVersion) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("jakarta.persistence.schema-generation.database.action", "none");
        properties.put("jakarta.persistence.schema-generation.scripts.action", "create");
        properties.put("jakarta.persistence.schema-generation.create-source", "metadata");
        properties.put("jakarta.persistence.schema-generation.scripts.create-target", target);
        properties.put("jakarta.persistence.database-product-name", "PostgreSQL");
        properties.put("jakarta.persistence.database-major-version", databaseVersion);
        properties.put("jakarta.persistence.database-minor-version", "0");
        properties.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        properties.put("hibernate.hbm2ddl.delimiter", ";");
        properties.putAll(user);
        return properties;
    }

    /** The provider's own words, from the innermost cause that has any, under what was asked. */
    private static String describe(String unit, Throwable e) {
        StringBuilder causes = new StringBuilder();
        String last = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !message.equals(last)
                    && (last == null || !last.contains(message))) {
                causes.append("\n  ").append(t.getClass().getSimpleName()).append(": ").append(message.strip());
                last = message;
            }
        }
        return "the JPA provider failed:" + (causes.length() == 0
                ? " " + e.getClass().getName() : causes.toString())
                + (e instanceof PersistenceException ? unknownUnitHint(unit) : "");
    }

    /** A unit that no persistence.xml on the classpath declares is the usual reason a provider does nothing. */
    private static String unknownUnitHint(String unit) {
        if (unit == null) {
            return "";
        }
        try {
            boolean declared = false;
            var resources = Thread.currentThread().getContextClassLoader().getResources("META-INF/persistence.xml");
            while (resources.hasMoreElements()) {
                try (var in = resources.nextElement().openStream()) {
                    String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    declared |= xml.contains("\"" + unit + "\"") || xml.contains("'" + unit + "'");
                }
            }
            return declared ? "" : "\n  (no META-INF/persistence.xml on the classpath declares a persistence unit named "
                    + unit + ")";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
