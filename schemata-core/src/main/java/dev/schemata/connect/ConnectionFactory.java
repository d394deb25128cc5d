package dev.schemata.connect;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Opens new connections to the target. Runs that migrate need more than one (the lock has its own), so
 * the library takes a factory rather than a connection: built from settings, or from an application's
 * {@link DataSource}.
 */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open() throws SQLException;

    /** What to call the target in messages; never includes a password. */
    default String describe() {
        return "the database";
    }

    static ConnectionFactory of(ConnectionSettings settings) {
        return new ConnectionFactory() {
            @Override
            public Connection open() {
                return Database.connect(settings);
            }

            @Override
            public String describe() {
                return settings.maskedUrl();
            }
        };
    }

    static ConnectionFactory of(DataSource dataSource) {
        return dataSource::getConnection;
    }
}
