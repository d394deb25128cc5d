package dev.schemata.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text before it is shown: passwords inside URLs ({@code user:secret@},
 * {@code password=secret}), and every known password wherever it appears (a server message or a stack
 * trace could quote it). The CLI passes all its output through one of these.
 */
public final class Redactor {
    private static final Pattern USERINFO = Pattern.compile("(://[^:/@\\s?#]*):([^@\\s/]*)@");
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("((?:[?&;\\s]|^)(?:password|sslpassword|PGPASSWORD)=)([^&\\s;]*)", Pattern.CASE_INSENSITIVE);
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

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = maskUrls(text);
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
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
}
