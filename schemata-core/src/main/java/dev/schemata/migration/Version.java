package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration version as written in a file or folder name: runs of digits separated by {@code .}, {@code _}
 * or {@code -}, e.g. {@code 001}, {@code 1.2}, {@code 1_1}, {@code 20240131120000} or
 * {@code 2019-02-26-002946}.
 *
 * <p>Versions are ordered part by part, numerically, and a version that is a prefix of another comes first:
 * {@code 001 < 2 < 10}, {@code 1.2 < 1.10 < 2}, {@code 2026-06-03-220228 < 2026-06-03-220228-0000}. Parts
 * are compared as digit strings, so timestamps of any length order correctly. The separators do not
 * matter for the order ({@code 1.1} and {@code 1_1} compare equal), nor do leading zeros.
 *
 * <p>{@link #equals} compares the text as written, while {@link #compareTo} compares the numbers, so
 * {@code 1} and {@code 001} are not equal yet compare as 0 (like {@link java.math.BigDecimal}'s scale).
 * Code that looks for two migrations with the same version must use {@code compareTo}: such a pair is a
 * duplicate even though the names differ.
 *
 * <p>An immutable value. Not a record because it carries, beside its text, an order key worked out once:
 * a directory of 10,000 migrations is sorted and joined with its history on every command, and comparing
 * two keys is one string comparison instead of walking both texts part by part.
 */
public final class Version implements Comparable<Version> {
    private final String text;
    /**
     * Each part with its leading zeros stripped, preceded by one character holding its length: keys then
     * compare as plain strings in version order (a longer number is larger, equal lengths compare digit by
     * digit, and a version that is a prefix of another has the shorter key).
     */
    private final String key;

    /**
     * @param text the version exactly as written
     * @throws SchemataException with {@link ErrorCode#BAD_USAGE} when the text is not a version
     */
    public Version(String text) {
        Objects.requireNonNull(text, "text");
        String key = keyOf(text);
        if (key == null) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "'" + text + "' is not a migration version: use digits,"
                    + " optionally separated by '.', '_' or '-' (for example 3, 1.2 or 20240131120000)");
        }
        this.text = text;
        this.key = key;
    }

    /**
     * Reads a version from text supplied by the user, for example a command-line target.
     *
     * @throws SchemataException with {@link ErrorCode#BAD_USAGE} when the text is not a version
     */
    public static Version parse(String text) {
        return new Version(text);
    }

    /** Like {@link #parse}, but empty instead of an exception when the text is not a version. */
    public static Optional<Version> tryParse(String text) {
        return text != null && keyOf(text) != null ? Optional.of(new Version(text)) : Optional.empty();
    }

    /** The version exactly as written. */
    public String text() {
        return text;
    }

    /**
     * The version as it compares: leading zeros left out and {@code .} between the parts, so that two
     * versions compare as equal exactly when these texts are equal ({@code 001} and {@code 1} give
     * {@code 1}, {@code 2019-02-26-002946} gives {@code 2019.2.26.2946}). A key for hash maps.
     */
    public String normalized() {
        StringBuilder text = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); ) {
            int length = key.charAt(i);
            if (i > 0) {
                text.append('.');
            }
            text.append(key, i + 1, i + 1 + length);
            i += 1 + length;
        }
        return text.toString();
    }

    /** The numeric parts, in order; {@code 2019-02-26-002946} gives 2019, 2, 26, 2946. */
    public List<BigInteger> parts() {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : text.split("[._-]")) {
            parts.add(new BigInteger(part));
        }
        return List.copyOf(parts);
    }

    @Override
    public int compareTo(Version other) {
        return key.compareTo(other.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && v.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The order key of a version's text, or null when the text is not a version: runs of ASCII digits, one
     * separator between two runs, nothing before the first or after the last.
     */
    private static String keyOf(String text) {
        int length = text.length();
        StringBuilder key = new StringBuilder(length + 4);
        int i = 0;
        while (true) {
            int start = i;
            while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == start) {
                return null;
            }
            int significant = start;
            while (significant < i - 1 && text.charAt(significant) == '0') {
                significant++;
            }
            key.append((char) (i - significant)).append(text, significant, i);
            if (i == length) {
                return key.toString();
            }
            char separator = text.charAt(i);
            if (separator != '.' && separator != '_' && separator != '-') {
                return null;
            }
            i++;
        }
    }
}
