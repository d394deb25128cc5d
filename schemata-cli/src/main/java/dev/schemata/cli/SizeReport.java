package dev.schemata.cli;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.history.HistoryTable;
import dev.schemata.monitor.SizeHistory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code status --sizes}: how the latest migrate run changed table sizes. */
record SizeReport(Optional<SizeHistory.Run> run) {

    static SizeReport read(ConnectionSettings target, HistoryTable table) {
        try (Connection c = Database.connect(target)) {
            return new SizeReport(new SizeHistory(table).latest(c));
        } catch (SQLException e) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "reading the recorded table sizes failed: " + e.getMessage(), e);
        }
    }

    Map<String, Object> json() {
        if (run.isEmpty()) {
            return null;
        }
        SizeHistory.Run r = run.get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("historyId", r.historyId());
        json.put("versions", r.versions());
        json.put("capturedAt", r.capturedAt().toString());
        List<Map<String, Object>> tables = new ArrayList<>();
        for (SizeHistory.Change ch : r.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", ch.table());
            m.put("beforeBytes", ch.beforeBytes());
            m.put("afterBytes", ch.afterBytes());
            m.put("deltaBytes", ch.deltaBytes());
            m.put("beforeRows", ch.beforeRows());
            m.put("afterRows", ch.afterRows());
            tables.add(m);
        }
        json.put("tables", tables);
        return json;
    }

    void print(Output out) {
        out.result("");
        if (run.isEmpty()) {
            out.result("No table sizes recorded yet (migrate records them before and after each run).");
            return;
        }
        SizeHistory.Run r = run.get();
        out.result("Table sizes of the latest run (" + String.join(", ", r.versions()) + "):");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"TABLE", "BEFORE", "AFTER", "CHANGE", "ROWS BEFORE", "ROWS AFTER"});
        for (SizeHistory.Change ch : r.changes()) {
            rows.add(new String[]{ch.table(), ch.beforeBytes() == null ? "-" : BackupsCommand.size(ch.beforeBytes()),
                    ch.afterBytes() == null ? "-" : BackupsCommand.size(ch.afterBytes()),
                    (ch.deltaBytes() >= 0 ? "+" : "-") + BackupsCommand.size(Math.abs(ch.deltaBytes())),
                    ch.beforeRows() == null ? "-" : ch.beforeRows().toString(), ch.afterRows() == null ? "-" : ch.afterRows().toString()});
        }
        Tables.print(out, rows);
    }
}
