package dev.schemata.lint;

import java.util.Locale;
import java.util.Objects;

/**
 * What the lint knew about the table a finding is about.
 *
 * @param name   the table as written in the SQL ({@code public.articles}, {@code articles})
 * @param origin where the table comes from
 * @param rows   the planner's row estimate ({@code pg_class.reltuples}); negative when unknown
 * @param bytes  {@code pg_total_relation_size} (summed over partitions); negative when unknown
 */
public record TableInfo(String name, Origin origin, double rows, long bytes) {

    /** Where the table comes from, as far as the lint can tell. */
    public enum Origin {
        /** The database has it; {@code rows} and {@code bytes} are known. */
        EXISTING,
        /** An earlier statement of the same run (this file or an earlier one) creates it. */
        CREATED_IN_RUN,
        /** The database was asked and has no such table. */
        ABSENT,
        /** Linting without a database: the table is assumed to exist. */
        UNKNOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public TableInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
    }

    static TableInfo unknown(String name) {
        return new TableInfo(name, Origin.UNKNOWN, -1, -1);
    }

    /** {@code "4.2 GB, about 12 M rows"}; empty unless the database reported the table. */
    public String sizeText() {
        if (origin != Origin.EXISTING) {
            return "";
        }
        String size = bytes < 0 ? "size unknown" : bytes(bytes);
        return size + ", " + (rows < 0 ? "row count unknown (never analyzed)" : rows(rows));
    }

    /** {@code 512 bytes}, {@code 8.0 kB}, {@code 4.2 GB}: powers of 1024, as {@code pg_size_pretty} counts. */
    static String bytes(long bytes) {
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** {@code about 4,300 rows}, {@code about 120 k rows}, {@code about 12 M rows}. */
    static String rows(double rows) {
        long n = Math.round(rows);
        if (n == 1) {
            return "about 1 row";
        }
        if (n < 10_000) {
            return String.format(Locale.ROOT, "about %,d rows", n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "about %d k rows", Math.round(n / 1_000.0));
        }
        if (n < 10_000_000_000L) {
            double millions = n / 1_000_000.0;
            return String.format(Locale.ROOT, millions < 10 ? "about %.1f M rows" : "about %.0f M rows", millions);
        }
        return String.format(Locale.ROOT, "about %.0f G rows", n / 1_000_000_000.0);
    }
}
