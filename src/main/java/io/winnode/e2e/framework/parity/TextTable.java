package io.winnode.e2e.framework.parity;

import java.util.List;

/** Renders rows of cells as a left-aligned table with columns as wide as their widest cell. */
final class TextTable {

    private static final int MAX_CELL = 60;

    private TextTable() {
    }

    static String render(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], clip(row.get(c)).length());
            }
        }
        var out = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                String cell = clip(row.get(c));
                out.append(cell);
                if (c < columns - 1) {
                    out.append(" ".repeat(widths[c] - cell.length() + 2));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String clip(String cell) {
        return cell.length() <= MAX_CELL ? cell : cell.substring(0, MAX_CELL - 3) + "...";
    }
}
