package dev.schemata.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test parameter of type {@link TestDatabase} a fresh, empty database, and a
 * {@link TestCluster} parameter the run's server itself. One server is started per test run (the first
 * time a test asks) and stopped when the run ends.
 */
public final class PostgresExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == TestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestCluster cluster = cluster(context);
        return parameter.getParameter().getType() == TestCluster.class ? cluster : cluster.newDatabase();
    }

    public static TestCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("cluster", key -> new Holder(TestCluster.start()), Holder.class).cluster();
    }

    /** Lets JUnit stop the server when the run ends. */
    @SuppressWarnings("deprecation")
    private record Holder(TestCluster cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
