package dev.schemata.maven;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.config.EnvironmentConfig;
import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Environment;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which database a goal talks to, in the CLI's order with Maven's settings first: {@code <url>}
 * ({@code -Dschemata.url}), the selected environment's {@code url}, then {@code SCHEMATA_URL}, {@code DATABASE_URL}
 * and the {@code PG*} variables. The user and password come from {@code <user>}/{@code <password>}, else the
 * {@code settings.xml} server, else the URL (and {@code .pgpass}). Empty means "the embedded database".
 */
final class TargetSettings {
    private final ConnectionResolver resolver;

    TargetSettings(Environment env, Consumer<String> warnings) {
        this.resolver = new ConnectionResolver(env, warnings);
    }

    /** The scratch server's settings, to know its password (which must not be printed). */
    ConnectionSettings scratch(String url) {
        return resolver.fromUrl(url, "<scratchUrl>");
    }

    Optional<ConnectionSettings> resolve(String url, EnvironmentConfig environment, String user, String password,
                                         Optional<ServerCredentials> server) {
        Optional<ConnectionSettings> found;
        if (url != null) {
            if (url.isBlank()) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "<url> (schemata.url) is set but empty (an unset"
                        + " variable?): give the database URL, or leave it out to use the next setting in the documented order");
            }
            found = Optional.of(resolver.fromUrl(url, "<url>"));
        } else if (environment.url() != null) {
            found = Optional.of(resolver.fromUrl(environment.url(), environment.label() + " of " + environment.file().getFileName()));
        } else {
            found = resolver.resolve(null);
        }
        if (found.isEmpty()) {
            if (server.isPresent() || user != null || password != null) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, (server.isPresent() ? "<serverId>" : "<user>/<password>")
                        + " is set but no database is: give <url> (schemata.url) or an environment with a url");
            }
            return found;
        }
        ConnectionSettings s = found.get();
        String effectiveUser = user != null ? user : server.map(ServerCredentials::username).orElse(s.user());
        String effectivePassword = password != null ? password : server.map(ServerCredentials::password).orElse(s.password());
        return Optional.of(new ConnectionSettings(s.hosts(), s.database(), effectiveUser, effectivePassword, s.parameters(),
                s.source()));
    }
}
