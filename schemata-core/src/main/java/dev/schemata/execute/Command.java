package dev.schemata.execute;

import dev.schemata.sql.Statement;

/**
 * One statement to send, and where it came from so that a failure can name it.
 *
 * @param sql       the statement as sent (placeholders already replaced)
 * @param copyData  for {@code COPY … FROM stdin}, its data lines; otherwise null
 * @param file      the file it is in ({@code 002_add.sql}), or for a statement a plan computed, which step it
 *                  is ({@code plan step 3 of 7})
 * @param line      its first line in {@code file}, or 0 when it has none
 * @param statement the statement as read from the file, for listeners that look at its tokens; null for a
 *                  computed one
 * @param timeouts  timeouts of its own, set just for it (null fields meaning the server's setting); null when
 *                  it runs with its unit's
 */
public record Command(String sql, String copyData, String file, int line, Statement statement, Timeouts timeouts) {
}
