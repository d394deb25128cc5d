package dev.schemata.migrate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What {@code rollback --restore} would do, shown to the user before asking for confirmation.
 *
 * @param backup      the backup file recorded for the run of the oldest migration being undone
 * @param takenBefore the version whose run the backup preceded
 * @param undone      the applied versions the restore takes the database back before, newest first: every
 *                    migration applied since the backup, which may be more than were asked for
 * @param appliedAt   when the first of them was applied: changes to the data since then are lost
 */
public record RestorePlan(Path backup, String takenBefore, List<String> undone, Instant appliedAt) {
    public RestorePlan {
        undone = List.copyOf(undone);
    }
}
