package dev.schemata.migrate;

import dev.schemata.history.HistoryKind;
import dev.schemata.history.HistoryRow;
import dev.schemata.migration.Migration;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins the migrations directory with the history table into one state per migration. A pure function of
 * its two inputs (plus reading a file again when a checksum differs), so {@code status}, {@code validate}
 * and {@code migrate} agree by construction.
 */
public record StatusReport(List<MigrationStatus> migrations, String current) {

    public static StatusReport of(MigrationSet set, List<HistoryRow> rows) {
        // Keyed by the normalized version, so that 001 in a file name finds 1 in the history (as compareTo
        // would), in one hash lookup: ten thousand migrations are joined on every status, validate and migrate.
        Map<String, Applied> applied = new LinkedHashMap<>();
        Version baseline = null;
        Version highest = null;
        Map<String, HistoryRow> repeatables = new HashMap<>();
        for (HistoryRow row : rows) {
            if (row.kind() == HistoryKind.REPEATABLE && row.success()) {
                repeatables.put(row.description(), row);
                continue;
            }
            if (!row.countsAsApplied() || row.version() == null) {
                continue;
            }
            Optional<Version> parsed = Version.tryParse(row.version());
            if (parsed.isEmpty()) {
                continue;
            }
            Version v = parsed.get();
            String key = v.normalized();
            // A later row for the same version takes the place of the earlier one, where the earlier one was.
            Applied before = applied.put(key, new Applied(v, row));
            if (before != null) {
                applied.put(key, new Applied(before.version(), row));
            }
            if (row.kind() == HistoryKind.BASELINE && (baseline == null || v.compareTo(baseline) > 0)) {
                baseline = v;
            }
            if (row.success() && (highest == null || v.compareTo(highest) > 0)) {
                highest = v;
            }
        }
        Version lowestApplied = applied.values().stream().map(Applied::version).min(Version::compareTo).orElse(null);

        SquashedBaseline squash = SquashedBaseline.in(set.versioned()).orElse(null);
        List<Entry> ordered = new ArrayList<>(set.versioned().size() + applied.size());
        Set<String> withFile = new HashSet<>();
        for (Migration m : set.versioned()) {
            String key = m.version().normalized();
            withFile.add(key);
            Applied found = applied.get(key);
            HistoryRow row = found == null ? null : found.row();
            MigrationState state;
            Integer resumeAt = null;
            boolean isSquash = squash != null && squash.migration() == m;
            if (row != null && row.kind() == HistoryKind.BASELINE) {
                state = MigrationState.BASELINE;
            } else if (baseline != null && m.version().compareTo(baseline) <= 0) {
                state = MigrationState.BELOW_BASELINE;
            } else if (isSquash && row == null && lowestApplied != null && lowestApplied.compareTo(m.version()) < 0) {
                // Some of the replaced migrations are applied, not all: the baseline would recreate what exists.
                state = MigrationState.BELOW_SQUASH;
            } else if (isSquash && row != null && !checksumMatches(row.checksum(), m) && squash.replaces(m.version(), row.checksum())) {
                // Recorded before the squash as the last replaced migration: applied, or stopped part-way in it.
                state = row.success() ? MigrationState.APPLIED : MigrationState.BELOW_SQUASH;
            } else if (row == null) {
                state = highest != null && m.version().compareTo(highest) < 0 ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING;
            } else if (!row.success()) {
                state = row.error() != null ? MigrationState.FAILED : MigrationState.PENDING;
                resumeAt = (row.statementsRun() == null ? 0 : row.statementsRun()) + 1;
            } else if (!checksumMatches(row.checksum(), m)) {
                state = MigrationState.CHECKSUM_MISMATCH;
            } else {
                state = MigrationState.APPLIED;
            }
            ordered.add(new Entry(m.version(), new MigrationStatus(m.version().text(), m.description(), m.relativePath(), "versioned", state,
                    m.checksum(), row == null ? null : row.appliedAt(), row == null ? null : row.executionMs(), resumeAt,
                    row == null ? null : row.error(), row == null ? null : row.backup())));
        }
        for (Map.Entry<String, Applied> e : applied.entrySet()) {
            if (withFile.contains(e.getKey())) {
                continue;
            }
            Applied a = e.getValue();
            HistoryRow row = a.row();
            boolean isBaseline = row.kind() == HistoryKind.BASELINE;
            if (!isBaseline && squash != null && squash.covers(a.version())) {
                ordered.add(new Entry(a.version(), new MigrationStatus(row.version(), row.description(), squash.fileOf(a.version()).orElse(row.filename()),
                        "versioned", squash.replaces(a.version(), row.checksum()) ? MigrationState.SQUASHED : MigrationState.CHECKSUM_MISMATCH,
                        row.checksum(), row.appliedAt(), row.executionMs(), null, row.error(), row.backup())));
                continue;
            }
            ordered.add(new Entry(a.version(), new MigrationStatus(row.version(), row.description(), isBaseline ? null : row.filename(),
                    isBaseline ? "baseline" : "versioned", isBaseline ? MigrationState.BASELINE : MigrationState.MISSING_FILE,
                    row.checksum(), row.appliedAt(), row.executionMs(), null, row.error(), row.backup())));
        }
        // The files come in version order already; sorting places the history-only rows among them.
        ordered.sort((a, b) -> a.version().compareTo(b.version()));
        List<MigrationStatus> out = new ArrayList<>(ordered.size() + set.repeatable().size());
        for (Entry e : ordered) {
            out.add(e.status());
        }
        for (Migration m : set.repeatable()) {
            HistoryRow row = repeatables.get(m.description());
            boolean current = row != null && checksumMatches(row.checksum(), m);
            out.add(new MigrationStatus(null, m.description(), m.relativePath(), "repeatable",
                    current ? MigrationState.APPLIED : MigrationState.PENDING, m.checksum(),
                    row == null ? null : row.appliedAt(), row == null ? null : row.executionMs(), null, null,
                    row == null ? null : row.backup()));
        }
        return new StatusReport(out, highest == null ? (baseline == null ? null : baseline.text()) : highest.text());
    }

    /** The history row that counts for a version, under the version as first recorded. */
    private record Applied(Version version, HistoryRow row) {
    }

    private record Entry(Version version, MigrationStatus status) {
    }

    public List<MigrationStatus> inState(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).toList();
    }

    /**
     * Whether a recorded checksum belongs to this file. Besides ours (SHA-256 of the text with line ends
     * normalised) a plain SHA-256 of the raw bytes is accepted, in either letter case: that is what a
     * simpler runner whose table was adopted may have recorded.
     */
    static boolean checksumMatches(String recorded, Migration m) {
        if (recorded == null || recorded.isBlank()) {
            return true;
        }
        if (recorded.strip().equalsIgnoreCase(m.checksum())) {
            return true;
        }
        return recorded.strip().length() == 64 && recorded.strip().equalsIgnoreCase(rawSha256(m));
    }

    private static String rawSha256(Migration m) {
        try (InputStream in = new DigestInputStream(m.file().open(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }
}
