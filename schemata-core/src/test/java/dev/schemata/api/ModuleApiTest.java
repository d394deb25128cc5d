package dev.schemata.api;

import dev.schemata.Schemata;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module {@code dev.schemata}: it resolves on the module path, exports to everyone exactly the packages the
 * README lists as the API, exports the others only to Schemata's own modules, and every type the facade's
 * methods take or return (and every record component of those) is in an exported package.
 */
class ModuleApiTest {
    private static final Set<String> INTEGRATION_MODULES = Set.of("dev.schemata.cli", "dev.schemata.junit",
            "dev.schemata.spring", "dev.schemata.maven", "dev.schemata.models.jpa");

    private static Path classes() throws Exception {
        return Path.of(Schemata.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    private static Set<String> apiPackages() throws Exception {
        return descriptor().exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void resolvesOnTheModulePathWithTheDriver() throws Exception {
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Configuration configuration = ModuleLayer.boot().configuration().resolve(ModuleFinder.of(classes(), driver),
                ModuleFinder.of(), Set.of("dev.schemata"));

        assertThat(configuration.findModule("dev.schemata")).isPresent();
        assertThat(configuration.findModule("org.postgresql.jdbc")).isPresent();
    }

    @Test
    void exportsTheApiToEveryoneAndTheRestOnlyToSchemataModules() throws Exception {
        ModuleDescriptor module = descriptor();
        assertThat(module.name()).isEqualTo("dev.schemata");
        for (ModuleDescriptor.Exports export : module.exports()) {
            if (export.isQualified()) {
                assertThat(export.targets()).as(export.source()).isSubsetOf(INTEGRATION_MODULES);
            }
        }
        Set<String> all = module.packages();
        Set<String> exported = module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exported).as("every package is exported, to everyone or to Schemata's modules").isEqualTo(all);
        assertThat(apiPackages()).contains("dev.schemata").doesNotContain("dev.schemata.sql", "dev.schemata.config",
                "dev.schemata.devdb", "dev.schemata.json");
    }

    @Test
    void theReadmeListsTheApiPackages() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("(?s)API packages \\(exported by the module `dev\\.schemata`\\): (.*?)\\.\\s*\\n").matcher(readme);
        assertThat(m.find()).as("README names the API packages").isTrue();
        Set<String> listed = Pattern.compile("`(dev\\.schemata[a-z.]*)`").matcher(m.group(1)).results()
                .map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(apiPackages());
    }

    @Test
    void everyTypeTheFacadeTakesOrReturnsIsExported() throws Exception {
        Set<String> api = apiPackages();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Schemata.class, Schemata.Builder.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive() || !type.getName().startsWith("dev.schemata") || !seen.add(type)) {
                continue;
            }
            assertThat(api).as(type.getName() + " is named by the API").contains(type.getPackageName());
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && (type == Schemata.class || type == Schemata.Builder.class
                        || type.isRecord())) {
                    todo.addAll(classesOf(method.getGenericReturnType()));
                    for (Type parameter : method.getGenericParameterTypes()) {
                        todo.addAll(classesOf(parameter));
                    }
                }
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    todo.addAll(classesOf(component.getGenericType()));
                }
            }
        }
        assertThat(seen).contains(dev.schemata.migrate.AppliedMigration.class, dev.schemata.SchemataEvent.class);
        assertThat(seen).contains(Schemata.class, dev.schemata.migrate.MigrateResult.class, dev.schemata.PlanResult.class);
    }

    /** The classes a type names: itself, or its raw type and type arguments ({@code List<AppliedMigration>}). */
    private static List<Class<?>> classesOf(Type type) {
        if (type instanceof Class<?> c) {
            return List.of(c);
        }
        if (type instanceof ParameterizedType p) {
            List<Class<?>> classes = new java.util.ArrayList<>(classesOf(p.getRawType()));
            for (Type argument : p.getActualTypeArguments()) {
                classes.addAll(classesOf(argument));
            }
            return classes;
        }
        if (type instanceof WildcardType w) {
            return java.util.Arrays.stream(w.getUpperBounds()).flatMap(t -> classesOf(t).stream()).toList();
        }
        return List.of();
    }
}
