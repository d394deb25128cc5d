package dev.schemata.fleet;

import dev.schemata.migration.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one report of a command over a fleet: every target of the run in list order, with counts, the
 * failures and the distribution of versions across the fleet.
 *
 * @param command   the command that ran (migrate, status, …)
 * @param results   one per target of this run (this shard)
 * @param fleetSize targets in the whole list, before sharding
 */
public record FleetReport(String command, List<TargetResult> results, int fleetSize, Shard shard, long elapsedMs) {
    public FleetReport {
        results = List.copyOf(results);
    }

    public Map<TargetResult.Status, Integer> counts() {
        Map<TargetResult.Status, Integer> counts = new EnumMap<>(TargetResult.Status.class);
        for (TargetResult.Status s : TargetResult.Status.values()) {
            counts.put(s, 0);
        }
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    /** Whether any target failed, found problems or was skipped: the command then exits 1. */
    public boolean failed() {
        return results.stream().anyMatch(r -> r.status().failure());
    }

    /** The failures first (in list order), then the others. */
    public List<TargetResult> failuresFirst() {
        List<TargetResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((TargetResult r) -> !r.status().failure()));
        return sorted;
    }

    /** How many targets are at each version after the run, lowest first; {@code none} for no version. */
    public Map<String, Integer> versions() {
        Map<Version, Integer> counted = new TreeMap<>();
        int none = 0;
        int unknown = 0;
        for (TargetResult r : results) {
            if (r.status() == TargetResult.Status.SKIPPED || (r.after() == null && r.status() == TargetResult.Status.FAILED)) {
                unknown++;
            } else if (r.after() == null) {
                none++;
            } else {
                Version.tryParse(r.after()).ifPresent(v -> counted.merge(v, 1, Integer::sum));
            }
        }
        Map<String, Integer> versions = new LinkedHashMap<>();
        if (none > 0) {
            versions.put("none", none);
        }
        counted.forEach((v, n) -> versions.put(v.text(), n));
        if (unknown > 0) {
            versions.put("unknown", unknown);
        }
        return versions;
    }

    /** "120 targets: 118 ok, 1 failed, 1 skipped". */
    public String summary() {
        StringBuilder s = new StringBuilder(command + ": " + results.size() + " target" + (results.size() == 1 ? "" : "s"));
        if (shard.count() > 1) {
            s.append(" (shard ").append(shard).append(" of ").append(fleetSize).append(")");
        }
        List<String> parts = new ArrayList<>();
        counts().forEach((status, n) -> {
            if (n > 0) {
                parts.add(n + " " + status.label());
            }
        });
        return s.append(": ").append(String.join(", ", parts)).append(" in ")
                .append(String.format("%.1f s", elapsedMs / 1000.0)).toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("fleetSize", fleetSize);
        json.put("shard", shard.count() > 1 ? shard.toString() : null);
        json.put("elapsedMs", elapsedMs);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts().forEach((s, n) -> counts.put(s.label(), n));
        json.put("counts", counts);
        json.put("versions", versions());
        json.put("ok", !failed());
        List<Map<String, Object>> targets = new ArrayList<>();
        for (TargetResult r : results) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", r.target().name());
            t.put("database", r.target().database().maskedUrl());
            t.put("schema", r.target().schema());
            t.put("labels", r.target().labels());
            t.put("status", r.status().label());
            t.put("before", r.before());
            t.put("after", r.after());
            t.put("durationMs", r.durationMs());
            t.put("summary", r.summary());
            t.put("problems", r.problems());
            t.put("error", r.error());
            targets.add(t);
        }
        json.put("targets", targets);
        return json;
    }
}
