package dev.schemata.junit;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh copy of the migrated template, for one test class or method.
 *
 * @param name     the database's name
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/name}, without user or password (as Spring's
 *                 {@code spring.datasource.url} takes it)
 * @param user     the role to log in as: it owns the database and everything the migrations made
 * @param password that role's password
 */
public record MigratedDatabase(String name, String jdbcUrl, String user, String password) {

    static MigratedDatabase of(ConnectionSettings settings) {
        return new MigratedDatabase(settings.database(), settings.jdbcUrl(), settings.user(),
                settings.password() == null ? "" : settings.password());
    }

    /** A new data source for this database; each call gives a separate one, with no pool. */
    public DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl);
        source.setUser(user);
        source.setPassword(password);
        source.setApplicationName("schemata-junit");
        return source;
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() {
        try {
            return dataSource().getConnection();
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.CONNECTION_FAILED, "cannot connect to " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JDBC URL with {@code user} and {@code password} parameters: one string that pgjdbc and Schemata's
     * {@code --url} both take. It holds the password; do not print it.
     */
    public String urlWithCredentials() {
        return jdbcUrl + "?user=" + encode(user) + "&password=" + encode(password);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Without the password, so that it is safe to print. */
    @Override
    public String toString() {
        return "MigratedDatabase[" + jdbcUrl + ", user " + user + "]";
    }
}
