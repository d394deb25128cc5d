package dev.schemata.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text before it is shown: passwords inside URLs ({@code user:secret@},
 * {@code password=secret}) and every known password wherever it appears (a server message or a stack
 * trace could quote it). The CLI passes all its output through one of these. Password literals in SQL
 * text ({@code PASSWORD '…'}, {@code OPTIONS (password '…')}) are masked by {@link #maskSql} where the
 * text comes from the server or is a diagnostic, not in scripts printed to be run.
 */
public final class Redactor {
    /**
     * {@code scheme://user:password@}. Up to the last "@" of the word: a password written with an unencoded
     * "/", "?", "#" or "@" is still all masked (a little more than the password at worst).
     */
    private static final Pattern USERINFO = Pattern.compile("(://[^:/@\\s?#]*):(\\S*)@");
    /** {@code password=…} in URL queries and libpq connection strings (also inside an SQL literal). */
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "((?:[?&;\\s'\"(,]|^)(?:password|sslpassword|PGPASSWORD)\\s*=\\s*)('[^']*'|[^&\\s;'\"]*)", Pattern.CASE_INSENSITIVE);
    /**
     * A password literal in SQL: {@code [ENCRYPTED] PASSWORD '…'} of roles, {@code password '…'} in the
     * OPTIONS of servers and user mappings. Also matches in JSON text, where a line break is written {@code \n},
     * and a literal cut short (the server truncates long statements) is masked to the end.
     */
    private static final Pattern SQL_PASSWORD = Pattern.compile(
            "((?:\\b|(?<=\\\\[nrt]))(?:ssl)?password(?:\\s|\\\\[nrt])+)(E'(?:[^'\\\\]|''|\\\\.)*(?:'|\\z)|'(?:[^']|'')*(?:'|\\z)"
                    + "|\\$([A-Za-z_]\\w*)?\\$.*?(?:\\$\\3\\$|\\z))",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final String MASK = "***";

    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            // Very short "secrets" would mask ordinary words; a URL pattern still catches them in URLs.
            if (s != null && s.length() >= 3) {
                kept.add(s);
            }
        }
        kept.sort((a, b) -> b.length() - a.length());
        this.secrets = List.copyOf(kept);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public Redactor with(String secret) {
        List<String> all = new ArrayList<>(secrets);
        all.add(secret);
        return new Redactor(all);
    }

    /** Masks URL passwords and the known secrets; SQL text is left as it is (a script must still run). */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = maskUrls(text);
        // Indexed: this runs for every string of a large JSON document, and an iterator each time adds up.
        for (int i = 0; i < secrets.size(); i++) {
            out = out.replace(secrets.get(i), MASK);
        }
        return out;
    }

    /** Masks passwords written inside URLs and {@code password=} parameters. */
    public static String maskUrls(String text) {
        if (text == null) {
            return null;
        }
        if (text.indexOf('@') < 0 && text.indexOf('=') < 0) {
            return text;    // neither pattern can match; most lines (progress) take this way
        }
        String out = USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        return PASSWORD_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * Masks password literals in SQL text, as the server reports it ({@code pg_stat_statements} keeps
     * utility statements such as {@code ALTER ROLE … PASSWORD '…'} verbatim): {@code PASSWORD '***'}.
     */
    public static String maskSql(String text) {
        if (text == null || !containsPassword(text)) {
            return text;
        }
        return SQL_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'" + MASK + "'"));
    }

    private static boolean containsPassword(String text) {
        for (int i = 0; i + 8 <= text.length(); i++) {
            if (text.regionMatches(true, i, "password", 0, 8)) {
                return true;
            }
        }
        return false;
    }
}
