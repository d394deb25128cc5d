package dev.schemata.cli;

import dev.schemata.backup.DataLoad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-table report of a data load, as {@code reset --keep-data} and {@code load-data} print it. */
final class LoadReport {
    private LoadReport() {
    }

    static void print(Output out, DataLoad.Report report) {
        if (report.committed()) {
            out.result("loaded " + report.loadedRows() + " rows into " + report.tables().size() + " tables");
        } else {
            out.result("nothing was loaded: " + report.problems().size() + " of " + report.tables().size()
                    + " tables could not be loaded in full, or break a constraint");
        }
        for (DataLoad.TableResult t : report.tables()) {
            if (t.problem() != null || t.note() != null || !t.complete()) {
                String why = t.problem() != null ? t.problem() : t.note() != null ? t.note() : "not every row was loaded";
                out.result("  " + t.table() + ": " + why + " (" + t.loadedRows() + " of " + t.exportedRows() + " rows "
                        + (report.committed() ? "loaded)" : "could load)"));
            }
        }
        if (!report.replicationRole()) {
            out.notice("foreign keys and triggers were enforced while loading (the user may not set session_replication_role):"
                    + " referenced tables were loaded first, and triggers ran on the loaded rows");
        }
    }

    static List<Map<String, Object>> json(DataLoad.Report report) {
        List<Map<String, Object>> tables = new ArrayList<>();
        for (DataLoad.TableResult t : report.tables()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.table());
            m.put("exportedRows", t.exportedRows());
            m.put("loadedRows", t.loadedRows());
            m.put("problem", t.problem());
            m.put("note", t.note());
            tables.add(m);
        }
        return tables;
    }
}
