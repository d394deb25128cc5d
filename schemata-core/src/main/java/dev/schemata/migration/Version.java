package dev.schemata.migration;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * @param text the version exactly as written
 */
public record Version(String text) implements Comparable<Version> {
    private static final Pattern SHAPE = Pattern.compile("[0-9]+(?:[._-][0-9]+)*");

    public Version {
        Objects.requireNonNull(text, "text");
        if (!SHAPE.matcher(text).matches()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "'" + text + "' is not a migration version: use digits,"
                    + " optionally separated by '.', '_' or '-' (for example 3, 1.2 or 20240131120000)");
        }
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
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new Version(text)) : Optional.empty();
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
        String a = text;
        String b = other.text;
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int endA = partEnd(a, i);
            int endB = partEnd(b, j);
            int order = compareDigits(a, i, endA, b, j, endB);
            if (order != 0) {
                return order;
            }
            // Step over the separator (or to the end of the text).
            i = endA + 1;
            j = endB + 1;
        }
        // All shared parts are equal: the one with parts left is the later version.
        boolean aLeft = i < a.length();
        boolean bLeft = j < b.length();
        return aLeft == bLeft ? 0 : aLeft ? 1 : -1;
    }

    @Override
    public String toString() {
        return text;
    }

    private static int partEnd(String s, int from) {
        int end = from;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        return end;
    }

    /** Compares two digit runs as unbounded numbers without converting them. */
    private static int compareDigits(String a, int fromA, int endA, String b, int fromB, int endB) {
        while (fromA < endA - 1 && a.charAt(fromA) == '0') {
            fromA++;
        }
        while (fromB < endB - 1 && b.charAt(fromB) == '0') {
            fromB++;
        }
        int lengths = Integer.compare(endA - fromA, endB - fromB);
        if (lengths != 0) {
            return lengths;
        }
        for (int k = 0; k < endA - fromA; k++) {
            int order = Character.compare(a.charAt(fromA + k), b.charAt(fromB + k));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
