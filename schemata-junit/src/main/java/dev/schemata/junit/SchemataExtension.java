package dev.schemata.junit;

import dev.schemata.devdb.ScratchServer.ScratchDatabase;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link SchemataTest}. The template is made ready before the class's first test
 * (migrated if this run has not done it yet), so a failing migration fails the class once, with Schemata's
 * message; then each test (or the class, with {@link SchemataTest.Scope#CLASS}) gets a copy, dropped when it
 * ends. Parameters of type {@link MigratedDatabase} and {@link DataSource} receive it, and so do the test
 * instance's (non-static, non-final) fields of type {@link MigratedDatabase}, set before each test.
 *
 * <p>Registered in code, it takes its settings from a builder, e.g. a Testcontainers container's (read when the
 * class starts, after {@code @Testcontainers} has started the container):
 * <pre>{@code
 * @RegisterExtension
 * static SchemataExtension db = new SchemataExtension(
 *         MigratedDatabases.configure().url(postgres::getJdbcUrl, postgres::getUsername, postgres::getPassword));
 * }</pre>
 */
public final class SchemataExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SchemataExtension.class);
    private static final String SETTINGS = "settings";
    private static final String DATABASE = "database";

    private final MigratedDatabases.Builder configured;
    private final SchemataTest.Scope scope;

    /** As {@link SchemataTest} registers it: the settings come from the annotation. */
    public SchemataExtension() {
        this.configured = null;
        this.scope = null;
    }

    /** A copy per test method, made with these settings. */
    public SchemataExtension(MigratedDatabases.Builder settings) {
        this(settings, SchemataTest.Scope.METHOD);
    }

    public SchemataExtension(MigratedDatabases.Builder settings, SchemataTest.Scope scope) {
        this.configured = Objects.requireNonNull(settings, "settings");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Resolved resolved = resolved(context);
        if (resolved.scope() == SchemataTest.Scope.CLASS) {
            context.getStore(NAMESPACE).put(DATABASE, new Copy(resolved.copy()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Resolved resolved = resolved(context);
        if (resolved.scope() == SchemataTest.Scope.METHOD) {
            context.getStore(NAMESPACE).put(DATABASE, new Copy(resolved.copy()));
        } else if (context.getStore(NAMESPACE).get(DATABASE) == null) {
            // Registered on an instance field, this extension sees no beforeAll: one copy for the class, made now.
            context.getParent().orElseThrow().getStore(NAMESPACE)
                    .put(DATABASE, new Copy(resolved.copy()));
        }
        MigratedDatabase database = MigratedDatabase.of(context.getStore(NAMESPACE).get(DATABASE, Copy.class).database().settings());
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance, database);
        }
    }

    /** Sets the instance fields of type {@link MigratedDatabase} (of the class and its superclasses) to the test's copy. */
    private static void inject(Object instance, MigratedDatabase database) {
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == MigratedDatabase.class && !Modifier.isStatic(field.getModifiers())
                        && !Modifier.isFinal(field.getModifiers())) {
                    try {
                        field.setAccessible(true);
                        field.set(instance, database);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalStateException("cannot set " + c.getName() + "." + field.getName() + ": " + e, e);
                    }
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MigratedDatabase.class || type == DataSource.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Copy copy = context.getStore(NAMESPACE).get(DATABASE, Copy.class);
        if (copy == null) {
            throw new ParameterResolutionException("@SchemataTest gives each test method its own database; for one "
                    + "shared by the class (and its @BeforeAll methods), use @SchemataTest(scope = Scope.CLASS)");
        }
        MigratedDatabase database = MigratedDatabase.of(copy.database().settings());
        return parameter.getParameter().getType() == DataSource.class ? database.dataSource() : database;
    }

    /** The settings and server of the test class, worked out (and the template made ready) once per class. */
    private Resolved resolved(ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(SETTINGS, key -> resolve(classContext), Resolved.class);
    }

    private Resolved resolve(ExtensionContext classContext) {
        MigratedDatabases.Builder builder = configured;
        SchemataTest.Scope chosen = scope;
        if (builder == null) {
            SchemataTest annotation = annotation(classContext.getRequiredTestClass()).orElseThrow(() ->
                    new IllegalStateException("SchemataExtension is registered without settings and "
                            + classContext.getRequiredTestClass().getName() + " has no @SchemataTest"));
            builder = MigratedDatabases.configure().from(annotation);
            chosen = annotation.scope();
        }
        MigratedDatabases.Settings settings = builder.settings(classContext.getRequiredTestClass().getClassLoader());
        TemplateServer server = Servers.of(settings.server());
        return new Resolved(settings, server, server.template(settings), chosen);
    }

    /** The annotation on the class, or on a class it is nested in. */
    private static Optional<SchemataTest> annotation(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            SchemataTest found = c.getAnnotation(SchemataTest.class);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** A test class's settings and template: the migrations are read once per class, not for every copy. */
    private record Resolved(MigratedDatabases.Settings settings, TemplateServer server, String template,
                            SchemataTest.Scope scope) {
        ScratchDatabase copy() {
            return server.copy(template, settings);
        }
    }

    /** A copy in a JUnit store: dropped when its test or class ends. */
    @SuppressWarnings("deprecation")
    private record Copy(ScratchDatabase database) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }
}
