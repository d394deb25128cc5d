package dev.schemata.connect;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides which database a command talks to, in the documented order: an explicit URL ({@code --url}),
 * {@code SCHEMATA_URL}, {@code DATABASE_URL}, then the libpq variables ({@code PGHOST}, {@code PGPORT},
 * {@code PGUSER}, {@code PGDATABASE}, …). Nothing configured means "use the dev database", which the
 * caller decides; a URL setting given but empty is an error. As in libpq, whatever a URL leaves out falls
 * back to the {@code PG*} variables, then to built-in defaults, and a missing password is looked up in
 * {@code .pgpass}.
 */
public final class ConnectionResolver {
    /** Variables whose presence alone says "connect with libpq settings". PGPASSWORD alone does not. */
    private static final List<String> LIBPQ_TARGET_VARIABLES = List.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER");

    /** libpq variables that carry over to pgjdbc properties. */
    private static final Map<String, String> LIBPQ_PARAMETER_VARIABLES = Map.of(
            "PGSSLMODE", "sslmode",
            "PGSSLROOTCERT", "sslrootcert",
            "PGSSLCERT", "sslcert",
            "PGSSLKEY", "sslkey",
            "PGCONNECT_TIMEOUT", "connectTimeout",
            "PGAPPNAME", "ApplicationName",
            "PGOPTIONS", "options");

    private final Environment env;
    private final Consumer<String> warnings;

    public ConnectionResolver(Environment env, Consumer<String> warnings) {
        this.env = env;
        this.warnings = warnings;
    }

    /** The configured target, or empty when nothing is configured. */
    public Optional<ConnectionSettings> resolve(String explicitUrl) {
        if (explicitUrl != null) {
            return Optional.of(fromUrl(notEmpty(explicitUrl, "--url"), "--url"));
        }
        for (String variable : List.of("SCHEMATA_URL", "DATABASE_URL")) {
            String url = env.variables().get(variable);
            if (url != null) {
                return Optional.of(fromUrl(notEmpty(url, variable), variable));
            }
        }
        if (LIBPQ_TARGET_VARIABLES.stream().anyMatch(v -> env.get(v).isPresent())) {
            return Optional.of(complete(new ConnectionUrl(List.of(), null, null, null, Map.of()), "PG* variables"));
        }
        return Optional.empty();
    }

    /**
     * A URL setting that is present but empty is an error, never "not configured": {@code --url "$UNSET"}
     * in a CI job would otherwise run against the dev database and report success.
     */
    private static String notEmpty(String url, String source) {
        if (url.isBlank()) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, source + " is set but empty (an unset variable?): give the"
                    + " database URL, or leave " + source + " out to use the next setting in the documented order");
        }
        return url;
    }

    /** Settings from one URL, completed from the environment. */
    public ConnectionSettings fromUrl(String url, String source) {
        return complete(ConnectionUrl.parse(url, source), source);
    }

    private ConnectionSettings complete(ConnectionUrl url, String source) {
        int defaultPort = env.get("PGPORT").map(p -> ConnectionUrl.parsePort(p, null)).orElse(5432);
        List<HostPort> hosts = new ArrayList<>();
        List<ConnectionUrl.Address> addresses = url.hosts();
        if (addresses.isEmpty()) {
            String hostVar = env.get("PGHOST").or(() -> env.get("PGHOSTADDR")).orElse("localhost");
            addresses = ConnectionUrl.parse("postgresql://" + hostVar.replace("/", "%2F") + "/").hosts();
        }
        for (ConnectionUrl.Address a : addresses) {
            hosts.add(new HostPort(a.host(), a.port() != null ? a.port() : defaultPort));
        }
        String user = url.user() != null ? url.user() : env.get("PGUSER").orElse(env.osUser());
        String database = url.database() != null ? url.database() : env.get("PGDATABASE").orElse(user);

        Map<String, String> parameters = new LinkedHashMap<>();
        LIBPQ_PARAMETER_VARIABLES.forEach((variable, property) -> env.get(variable).ifPresent(v -> parameters.put(property, v)));
        parameters.putAll(url.parameters());

        String password = url.password();
        if (password == null) {
            password = env.get("PGPASSWORD").orElse(null);
        }
        if (password == null) {
            HostPort first = hosts.get(0);
            password = PgPass.lookup(env, first.host(), first.port(), database, user, warnings).orElse(null);
        }
        return new ConnectionSettings(hosts, database, user, password, parameters, source);
    }
}
