package dev.schemata;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of durations, for every option that takes one ({@code --lock-timeout 10m}) and for the
 * {@code -- schemata:lock-timeout 5s} directives of migrations: a whole number and a unit, from 0 up to
 * {@link #MAX}. The limit is PostgreSQL's for {@code lock_timeout} and {@code statement_timeout} (a 32-bit count
 * of milliseconds) rounded down to whole days, so any value read here can also be handed to the server.
 */
public final class Durations {
    /** The longest duration accepted. */
    public static final Duration MAX = Duration.ofDays(24);

    /** The accepted forms, for messages. */
    public static final String FORMS = "a whole number and a unit: ms, s, m or min, h, d (as in 500ms, 30s, 10min, 2h, 1d),"
            + " from 0 to 24d";

    private static final Pattern FORM = Pattern.compile("([0-9]+)\\s*([a-zA-Z]*)");

    private Durations() {
    }

    /**
     * Reads {@code text}.
     *
     * @param bareNumberUnit the unit of a number written without one ({@code "s"} for options, where
     *                       {@code 600} has always meant seconds), or null to require a unit
     * @throws IllegalArgumentException saying what is wrong with the text and what is accepted; callers add where
     *                                  it came from (the option, or {@code file:line})
     */
    public static Duration parse(String text, String bareNumberUnit) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; expected " + expected(bareNumberUnit));
        }
        String unit = m.group(2).isEmpty() ? bareNumberUnit : m.group(2).toLowerCase(Locale.ROOT);
        if (unit == null) {
            throw new IllegalArgumentException("\"" + text + "\" has no unit; expected " + FORMS);
        }
        long millisPerUnit = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> throw new IllegalArgumentException("\"" + text + "\": unknown unit \"" + m.group(2) + "\"; expected "
                    + expected(bareNumberUnit));
        };
        // Any number of digits: the range check must see 99999999999999999999h, not an overflow.
        BigInteger millis = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(millisPerUnit));
        if (millis.compareTo(BigInteger.valueOf(MAX.toMillis())) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range: at most 24d (24 days)");
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    private static String expected(String bareNumberUnit) {
        return bareNumberUnit == null ? FORMS
                : FORMS + "; a number alone counts as " + (bareNumberUnit.equals("s") ? "seconds" : bareNumberUnit);
    }

    /**
     * Checks a duration given through the library, as {@link #parse} checks text.
     *
     * @throws SchemataException with {@code BAD_USAGE} naming {@code what} when it is negative or above {@link #MAX}
     */
    public static Duration requireInRange(Duration duration, String what) {
        if (duration.isNegative() || duration.compareTo(MAX) > 0) {
            throw new SchemataException(ErrorCode.BAD_USAGE, what + " must be from 0 to 24d, got " + duration);
        }
        return duration;
    }

    /** The duration in the largest unit that holds it exactly, as PostgreSQL reads it: {@code 5s}, {@code 10min}. */
    public static String text(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "min";
        }
        return ms % 1_000 == 0 ? ms / 1_000 + "s" : ms + "ms";
    }
}
