package dev.schemata.connect;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.postgresql.PGProperty;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Parses a URL; a failure names {@code source} (where the URL came from: "--url", "DATABASE_URL", …) and
     * never echoes what could be a password (see {@link #shown(String)}).
     */
    public static ConnectionUrl parse(String url, String source) {
        try {
            return parse(url);
        } catch (SchemataException e) {
            throw new SchemataException(e.code(), source + ": " + e.getMessage(), e);
        }
    }

    public static ConnectionUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "the database URL is empty");
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
            throw bad("it is not a postgresql://, postgres:// or jdbc:postgresql:// URL", text);
        }
        Parts parts = split(rest, text);
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
                        throw bad("unknown connection parameter" + quoted(key, text), text);
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
        Parts parts = split(rest.substring(2), text);
        Map<String, String> params = new LinkedHashMap<>();
        String user = parts.user();
        String password = parts.password();
        for (Map.Entry<String, String> e : parseQuery(parts.query(), text).entrySet()) {
            switch (e.getKey()) {
                case "user" -> user = e.getValue();
                case "password" -> password = e.getValue();
                default -> {
                    // pgjdbc ignores a property it does not know: a misspelling, or the rest of a password holding
                    // an unencoded "&", would go unnoticed (and be shown with the URL).
                    if (PGProperty.forName(e.getKey()) == null) {
                        throw bad("unknown connection parameter" + quoted(e.getKey(), text), text);
                    }
                    params.put(e.getKey(), e.getValue());
                }
            }
        }
        return new ConnectionUrl(parseHosts(parts.hosts(), text), parts.database(), user, password, params);
    }

    private record Parts(String user, String password, String hosts, String database, String query) {
    }

    private static Parts split(String rest, String url) {
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String database = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String path = rest.substring(slash + 1);
            if (path.indexOf('@') >= 0) {
                // Almost always a password holding "/" (or "?"): the URL was cut at it, and what follows
                // would be taken for the database name, or worse, for a host.
                throw bad("an \"@\" after the host (in a database name it is written %40)", url);
            }
            database = decode(path, url);
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
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), url);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), url);
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
                    throw bad("unterminated IPv6 address", url);
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
            host = decode(host, url);
            if (host.startsWith("/")) {
                throw bad("Unix-domain sockets are not supported (host" + quoted(item, url) + ")"
                        + "; connect over TCP, e.g. host=localhost", url);
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
        if (url == null) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "PGPORT: invalid port \"" + port + "\" (a number from 1 to 65535)");
        }
        throw bad("invalid port" + quoted(port, url) + " (a number from 1 to 65535)", url);
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
                throw bad("malformed parameter" + quoted(pair, url) + " (parameters are written name=value)", url);
            }
            params.put(decode(pair.substring(0, eq), url), decode(pair.substring(eq + 1), url));
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

    private static String decode(String s, String url) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad("a \"%\" that is not followed by two hex digits", url);
        }
    }

    /**
     * The URL as error messages show it. A URL that does not parse may have been cut in the middle of its
     * password (an unencoded "/", "?", "#", "@" or ":"), so nothing before its last "@" is shown, nor any
     * {@code password=} value, to the end.
     */
    public static String shown(String url) {
        String text = url.strip();
        int scheme = text.indexOf("://");
        String prefix = scheme < 0 || scheme > 20 ? "" : text.substring(0, scheme + 3);
        String rest = text.substring(prefix.length());
        Matcher password = PASSWORD_VALUE.matcher(rest);
        boolean hasPassword = password.find();
        String head = hasPassword ? rest.substring(0, password.end()) : rest;
        int at = head.lastIndexOf('@');
        return prefix + (at < 0 ? head : "***@" + head.substring(at + 1)) + (hasPassword ? "***" : "");
    }

    private static final Pattern PASSWORD_VALUE = Pattern.compile("(?i)(?:^|[?&])(?:ssl)?password=");

    /**
     * {@code " \"fragment\""} when the fragment lies in a part of the URL that cannot hold a password (after
     * the last "@", before any {@code password=}); otherwise a note that it is not shown, so an error never
     * quotes a piece of a password.
     */
    private static String quoted(String fragment, String url) {
        Matcher password = PASSWORD_VALUE.matcher(url);
        int secretFrom = password.find() ? password.end() : url.length();
        int lastAt = url.lastIndexOf('@');
        // Every place the fragment occurs must be safe: which of them it came from is not known here.
        boolean safe = !fragment.isEmpty() && url.contains(fragment);
        for (int index = url.indexOf(fragment); safe && index >= 0; index = url.indexOf(fragment, index + 1)) {
            safe = index > lastAt && index + fragment.length() <= secretFrom;
        }
        return safe ? " \"" + fragment + "\"" : " (not shown: it lies where a password could be)";
    }

    private static SchemataException bad(String problem, String url) {
        String message = "cannot read the database URL \"" + shown(url) + "\": " + problem + ".";
        int at = url.lastIndexOf('@');
        if (url.substring(0, Math.max(at, 0)).indexOf(':', url.indexOf("://") + 3) >= 0 || PASSWORD_VALUE.matcher(url).find()) {
            message += " A password containing / ? # @ : or % must be percent-encoded (%2F %3F %23 %40 %3A %25)"
                    + (PASSWORD_VALUE.matcher(url).find() ? ", and in password= also & (%26)." : ".");
        }
        return new SchemataException(ErrorCode.BAD_CONFIG, message);
    }
}
