package dev.schemata.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Looks up a password in a libpq password file ({@code PGPASSFILE}, else {@code .pgpass} in {@code $HOME},
 * else in Java's {@code user.home}) with libpq's rules: lines {@code host:port:database:user:password}, {@code *} matches anything, {@code \:} and
 * {@code \\} escape, the first matching line wins, and a file that group or others can read is ignored
 * with a warning, because libpq refuses it too. This is the only lookup: the driver's own is switched off
 * (see {@link ResolvedPassword}).
 */
public final class PgPass {
    private PgPass() {
    }

    public static Optional<String> lookup(Environment env, String host, int port, String database, String user,
                                          Consumer<String> warnings) {
        Path file = env.get("PGPASSFILE").map(Path::of).orElse(home(env).resolve(".pgpass"));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                warnings.accept("password file " + file + " has group or world access and is ignored; "
                        + "permissions should be u=rw (0600) or less");
                return Optional.empty();
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: read it as libpq does on such systems.
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            warnings.accept("cannot read password file " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        String portText = String.valueOf(port);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 5) {
                continue;
            }
            if (matches(fields.get(0), host) && matches(fields.get(1), portText)
                    && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    /** {@code $HOME}, as libpq looks there, else the home directory Java knows. */
    private static Path home(Environment env) {
        return env.get("HOME").map(Path::of).orElse(env.home());
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /** Splits on unescaped colons; everything after the fourth colon is the password. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
