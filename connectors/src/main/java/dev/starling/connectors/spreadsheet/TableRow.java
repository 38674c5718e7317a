package dev.starling.connectors.spreadsheet;

import java.util.List;

/**
 * One row of a CSV file or a worksheet.
 *
 * @param line the 1-based line of the CSV file where the row starts, or the sheet's row number
 * @param cells the cell texts, left to right; a missing cell is an empty string
 */
public record TableRow(long line, List<String> cells) {
  public TableRow {
    cells = List.copyOf(cells);
  }

  /** The cell at {@code index}, or {@code ""} when the row is shorter or the index is -1. */
  public String cell(int index) {
    return index >= 0 && index < cells.size() ? cells.get(index) : "";
  }

  /** Whether every cell is blank (Excel's {@code ;;;;} rows). */
  public boolean isBlank() {
    return cells.stream().allMatch(String::isBlank);
  }

  /** The cells joined with {@code separator}, for a rejection's raw text. */
  public String raw(char separator) {
    return String.join(String.valueOf(separator), cells);
  }
}
