package dev.schemata.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything needed to open a connection, fully resolved. {@code parameters} are pgjdbc connection
 * properties (sslmode, ApplicationName, …). {@code source} says where the settings came from, for messages
 * ("DATABASE_URL", "the dev database"). The password is never part of {@link #toString()}.
 */
public record ConnectionSettings(List<HostPort> hosts, String database, String user, String password,
                                 Map<String, String> parameters, String source) {

    public ConnectionSettings {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host is needed");
        }
        parameters = Map.copyOf(parameters);
    }

    /** The URL pgjdbc connects to; carries no user or password (those go in {@link #jdbcProperties()}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostList() + "/" + encode(database);
    }

    public Properties jdbcProperties() {
        Properties props = new Properties();
        props.putAll(parameters);
        props.setProperty("user", user);
        // Never absent: an absent password makes pgjdbc look in .pgpass by its own rules (see ResolvedPassword).
        props.setProperty("password", password == null ? "" : password);
        props.setProperty(ResolvedPassword.PROPERTY, ResolvedPassword.class.getName());
        props.putIfAbsent("ApplicationName", "schemata");
        return props;
    }

    /** A {@code postgresql://} URL with the password shown as {@code ***}: safe for output, logs and JSON. */
    public String maskedUrl() {
        return url(false);
    }

    /**
     * A {@code postgresql://} URL with the password itself, for handing to a program the user runs (as
     * {@code psql "$(schemata dev url)"} does); never for messages, logs or JSON about other things.
     */
    public String urlWithPassword() {
        return url(true);
    }

    private String url(boolean withPassword) {
        StringBuilder url = new StringBuilder("postgresql://").append(encode(user));
        if (password != null) {
            url.append(':').append(withPassword ? encode(password) : "***");
        }
        url.append('@').append(hostList()).append('/').append(encode(database));
        String query = new TreeMap<>(parameters).entrySet().stream()
                .filter(e -> !e.getKey().equals("ApplicationName"))
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? url.toString() : url.append('?').append(query).toString();
    }

    public ConnectionSettings withDatabase(String newDatabase) {
        return new ConnectionSettings(hosts, newDatabase, user, password, parameters, source);
    }

    public ConnectionSettings withPassword(String newPassword) {
        return new ConnectionSettings(hosts, database, user, newPassword, parameters, source);
    }

    public ConnectionSettings withSource(String newSource) {
        return new ConnectionSettings(hosts, database, user, password, parameters, newSource);
    }

    @Override
    public String toString() {
        return maskedUrl();
    }

    private String hostList() {
        return hosts.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
