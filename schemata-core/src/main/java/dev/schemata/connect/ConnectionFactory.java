package dev.schemata.connect;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

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

    /** The error to report when working with a connection of this factory failed at the connection level. */
    default SchemataException failure(SQLException e) {
        return new SchemataException(ErrorCode.CONNECTION_FAILED, "cannot use " + describe() + ": " + e.getMessage(), e);
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

            @Override
            public SchemataException failure(SQLException e) {
                return Database.connectionFailure(settings, e);
            }
        };
    }

    static ConnectionFactory of(DataSource dataSource) {
        return new ConnectionFactory() {
            @Override
            public Connection open() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public String describe() {
                return "the application's DataSource";
            }
        };
    }
}
