package dev.schemata.cli;

import java.util.List;

/** Prints rows as left-aligned columns, the first row being the header. */
final class Tables {
    private Tables() {
    }

    static void print(Output out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], r[i] == null ? 0 : r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(String.format("%-" + widths[i] + "s", r[i] == null ? "" : r[i])).append(i < columns - 1 ? "  " : "");
            }
            out.result(line.toString().stripTrailing());
        }
    }
}
