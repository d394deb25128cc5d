package dev.schemata.connect;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed connection URL, before defaults are applied: fields the URL leaves out are null, so that the
 * libpq environment variables can fill them in as libpq itself would.
 *
 * <p>Accepts the libpq URI form ({@code postgresql://user:pass@host:port,host2/db?sslmode=require}, also
 * {@code postgres://}, the form of {@code DATABASE_URL}) and pgjdbc's {@code jdbc:postgresql://host/db?user=…}.
 * libpq parameter names are translated to pgjdbc properties; an unknown libpq parameter is an error, as it
 * is in libpq, rather than silently ignored.
 */
public record ConnectionUrl(List<Address> hosts, String database, String user, String password,
                            Map<String, String> parameters) {

    /** A host as written in the URL; a null port means "the default port". */
    public record Address(String host, Integer port) {
    }

    /** libpq URI parameters and the pgjdbc property each one becomes. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.ofEntries(
            Map.entry("sslmode", "sslmode"),
            Map.entry("sslrootcert", "sslrootcert"),
            Map.entry("sslcert", "sslcert"),
            Map.entry("sslkey", "sslkey"),
            Map.entry("sslpassword", "sslpassword"),
            Map.entry("application_name", "ApplicationName"),
            Map.entry("connect_timeout", "connectTimeout"),
            Map.entry("options", "options"),
            Map.entry("target_session_attrs", "targetServerType"),
            Map.entry("gssencmode", "gssEncMode"),
            Map.entry("channel_binding", "channelBinding"),
            Map.entry("keepalives", "tcpKeepAlive"));

    public ConnectionUrl {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        parameters = Map.copyOf(parameters);
    }

    public static boolean looksLikeUrl(String text) {
        return text.startsWith("postgresql:") || text.startsWith("postgres:") || text.startsWith("jdbc:postgresql:");
    }

    public static ConnectionUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw bad("the database URL is empty");
        }
        String text = url.strip();
        if (text.startsWith("jdbc:postgresql:")) {
            return parseJdbc(text);
        }
        String rest;
        if (text.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (text.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw bad("unsupported database URL " + Redactor.maskUrls(text)
                    + ": expected postgresql://user@host:port/database or jdbc:postgresql://host:port/database");
        }
        Parts parts = split(rest);
        Map<String, String> params = new LinkedHashMap<>();
        String user = parts.user();
        String password = parts.password();
        String database = parts.database();
        List<Address> hosts = parseHosts(parts.hosts(), text);
        for (Map.Entry<String, String> e : parseQuery(parts.query(), text).entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "dbname" -> database = value;
                case "host" -> hosts = parseHosts(value, text);
                case "port" -> hosts = withPort(hosts, value, text);
                default -> {
                    String jdbcName = LIBPQ_TO_JDBC.get(key);
                    if (jdbcName == null) {
                        throw bad("unknown connection parameter \"" + key + "\" in " + Redactor.maskUrls(text));
                    }
                    params.put(jdbcName, translateValue(key, value));
                }
            }
        }
        return new ConnectionUrl(hosts, database, user, password, params);
    }

    private static ConnectionUrl parseJdbc(String text) {
        String rest = text.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            // jdbc:postgresql:database and jdbc:postgresql:/ forms
            int q = rest.indexOf('?');
            String db = q < 0 ? rest : rest.substring(0, q);
            rest = "//" + "/" + (db.startsWith("/") ? db.substring(1) : db) + (q < 0 ? "" : rest.substring(q));
        }
        Parts parts = split(rest.substring(2));
        Map<String, String> params = new LinkedHashMap<>();
        String user = parts.user();
        String password = parts.password();
        for (Map.Entry<String, String> e : parseQuery(parts.query(), text).entrySet()) {
            switch (e.getKey()) {
                case "user" -> user = e.getValue();
                case "password" -> password = e.getValue();
                default -> params.put(e.getKey(), e.getValue());
            }
        }
        return new ConnectionUrl(parseHosts(parts.hosts(), text), parts.database(), user, password, params);
    }

    private record Parts(String user, String password, String hosts, String database, String query) {
    }

    private static Parts split(String rest) {
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String database = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            database = decode(rest.substring(slash + 1));
            if (database.isEmpty()) {
                database = null;
            }
            rest = rest.substring(0, slash);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (user.isEmpty()) {
                user = null;
            }
        }
        return new Parts(user, password, rest, database, query);
    }

    private static List<Address> parseHosts(String hostList, String url) {
        List<Address> hosts = new ArrayList<>();
        if (hostList == null || hostList.isEmpty()) {
            return hosts;
        }
        for (String item : hostList.split(",")) {
            String host;
            String port = null;
            if (item.startsWith("[")) {
                int close = item.indexOf(']');
                if (close < 0) {
                    throw bad("unterminated IPv6 address in " + Redactor.maskUrls(url));
                }
                host = item.substring(1, close);
                if (close + 1 < item.length() && item.charAt(close + 1) == ':') {
                    port = item.substring(close + 2);
                }
            } else {
                int colon = item.lastIndexOf(':');
                host = colon < 0 ? item : item.substring(0, colon);
                port = colon < 0 ? null : item.substring(colon + 1);
            }
            host = decode(host);
            if (host.startsWith("/")) {
                throw bad("Unix-domain sockets are not supported (host " + host + " in " + Redactor.maskUrls(url)
                        + "); connect over TCP, e.g. host=localhost");
            }
            hosts.add(new Address(host.isEmpty() ? "localhost" : host,
                    port == null || port.isEmpty() ? null : parsePort(port, url)));
        }
        return hosts;
    }

    private static List<Address> withPort(List<Address> hosts, String port, String url) {
        int p = parsePort(port, url);
        if (hosts.isEmpty()) {
            return List.of(new Address("localhost", p));
        }
        return hosts.stream().map(h -> new Address(h.host(), p)).toList();
    }

    static int parsePort(String port, String url) {
        try {
            int p = Integer.parseInt(port.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw bad("invalid port \"" + port + "\" in " + Redactor.maskUrls(url));
    }

    private static Map<String, String> parseQuery(String query, String url) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw bad("malformed parameter \"" + Redactor.maskUrls(pair) + "\" in " + Redactor.maskUrls(url));
            }
            params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String translateValue(String libpqName, String value) {
        if (libpqName.equals("target_session_attrs")) {
            return switch (value) {
                case "read-write", "primary" -> "primary";
                case "read-only", "standby" -> "secondary";
                case "prefer-standby" -> "preferSecondary";
                default -> "any";
            };
        }
        if (libpqName.equals("keepalives")) {
            return String.valueOf(!value.equals("0"));
        }
        return value;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad("malformed percent-encoding in a database URL");
        }
    }

    private static SchemataException bad(String message) {
        return new SchemataException(ErrorCode.BAD_CONFIG, message);
    }
}
