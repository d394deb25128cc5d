package dev.schemata.config;

/**
 * What the person running a destructive command said: whether {@code --force} was given and which
 * database name was confirmed (typed back at a terminal, or given as {@code --yes-i-mean-<dbname>}).
 *
 * @param confirmedDatabase the database name confirmed; null when none was
 */
public record Consent(boolean force, String confirmedDatabase) {
    public static Consent none() {
        return new Consent(false, null);
    }
}
