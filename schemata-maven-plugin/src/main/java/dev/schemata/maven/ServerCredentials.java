package dev.schemata.maven;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import java.util.Optional;

/**
 * A user name and password from a {@code <server>} of settings.xml, its password decrypted as Maven decrypts
 * every server password (settings-security.xml).
 *
 * @param username null when the server entry has none (the URL's user is kept)
 * @param password null when the server entry has none
 */
record ServerCredentials(String serverId, String username, String password) {

    static Optional<ServerCredentials> find(Settings settings, SettingsDecrypter decrypter, String serverId) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new SchemataException(ErrorCode.BAD_CONFIG, "<serverId>" + serverId + "</serverId>: settings.xml has no"
                    + " <server> with that id");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new SchemataException(ErrorCode.BAD_CONFIG, "cannot decrypt the password of <server> \"" + serverId
                        + "\" in settings.xml: " + problem.getMessage());
            }
        }
        Server decrypted = result.getServer() != null ? result.getServer() : server;
        return Optional.of(new ServerCredentials(serverId, blankToNull(decrypted.getUsername()),
                blankToNull(decrypted.getPassword())));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return "ServerCredentials[" + serverId + ", " + username + ", ***]";
    }
}
