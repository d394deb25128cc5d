package dev.schemata.junit;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh copy of the migrated template, for one test class or method.
 *
 * @param name     the database's name
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/name}, with the given server's connection parameters
 *                 ({@code ?sslmode=…}) but without user or password (as Spring's {@code spring.datasource.url}
 *                 takes it)
 * @param user     the role to log in as: it owns the database and everything the migrations made
 * @param password that role's password
 */
public record MigratedDatabase(String name, String jdbcUrl, String user, String password) {

    static MigratedDatabase of(ConnectionSettings settings) {
        // A given server's connection parameters (sslmode, …) hold for its copies too.
        String query = new TreeMap<>(settings.parameters()).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return new MigratedDatabase(settings.database(), settings.jdbcUrl() + (query.isEmpty() ? "" : "?" + query),
                settings.user(), settings.password() == null ? "" : settings.password());
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
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + encode(user) + "&password=" + encode(password);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Without the password or the connection parameters (which may hold a key's password), so that it is safe to print. */
    @Override
    public String toString() {
        int query = jdbcUrl.indexOf('?');
        return "MigratedDatabase[" + (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) + ", user " + user + "]";
    }
}
