package dev.schemata.connect;

import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;

import java.util.Properties;

/**
 * Gives pgjdbc the password Schemata resolved, and no other. Without it the driver, given no password,
 * reads {@code .pgpass} itself (from {@code PGPASSFILE} or Java's home directory, whatever the file's
 * permissions), so a file that Schemata refused, as libpq does, would still log in. The connection
 * properties therefore always carry a password, empty when there is none (which stops the driver's own
 * lookup), and the driver asks this plugin for it, which turns empty back into none: a server that asks
 * for a password then gets none, as with libpq.
 *
 * <p>pgjdbc creates it by class name ({@code authenticationPluginClassName}), passing the connection
 * properties; it is public only for that.
 */
public final class ResolvedPassword implements AuthenticationPlugin {
    static final String PROPERTY = "authenticationPluginClassName";

    private final String password;

    public ResolvedPassword(Properties info) {
        this.password = info.getProperty("password");
    }

    @Override
    public char[] getPassword(AuthenticationRequestType type) {
        return password == null || password.isEmpty() ? null : password.toCharArray();
    }
}
