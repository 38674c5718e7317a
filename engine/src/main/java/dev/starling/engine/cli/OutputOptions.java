package dev.starling.engine.cli;

import dev.starling.engine.config.OutputSettings;
import dev.starling.engine.report.CsvTableWriter;
import dev.starling.engine.report.OutputFormat;
import dev.starling.engine.report.Presentation;
import dev.starling.engine.report.Table;
import dev.starling.engine.report.TableWriter;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --format}, {@code --csv-excel} and {@code --width}, the same on every command that prints a
 * table (a picocli mixin), and the writer they select.
 */
final class OutputOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--csv-excel", description = "CSV for a spreadsheet set to Spanish: UTF-8 BOM, ';' between fields,"
      + " decimal comma (always, with output.csv-excel: true in starling.yaml).")
  boolean csvExcel;

  @Option(names = "--width", paramLabel = "N", description = "Fit tables in N characters (default: $COLUMNS, else "
      + Presentation.DEFAULT_WIDTH + ").")
  Integer width;

  /** True when people read the output, so a command may add headings and notes around the table. */
  boolean forPeople() {
    return format == OutputFormat.TABLE;
  }

  /** Writes {@code table} in the chosen format. */
  void print(Table table, PrintWriter out, Context context, OutputSettings settings) {
    CsvTableWriter.Style style = csvExcel || settings.csvExcel() ? CsvTableWriter.Style.EXCEL_ES : CsvTableWriter.Style.RFC4180;
    TableWriter writer = format.writer(presentation(context, settings), style);
    writer.write(table, out);
  }

  /**
   * Writes a result made of several tables: for people each under its translated title, a blank line
   * between; in CSV one after the other, a blank line between; in JSON one object with a field per table.
   */
  void printAll(java.util.List<Table> tables, PrintWriter out, Context context, OutputSettings settings) {
    if (format == dev.starling.engine.report.OutputFormat.JSON) {
      new dev.starling.engine.report.JsonTableWriter().writeAll(tables, out);
      return;
    }
    Presentation screen = presentation(context, settings);
    for (int i = 0; i < tables.size(); i++) {
      if (i > 0) {
        out.println();
      }
      if (forPeople()) {
        out.println(screen.labels().table(tables.get(i).name()) + ":");
      }
      print(tables.get(i), out, context, settings);
    }
  }

  /** How people see this command's output (width from {@code --width} or the environment). */
  Presentation presentation(Context context, OutputSettings settings) {
    return presentation(mixee.commandLine(), width, context, settings);
  }

  /** A line of prose around the table, wrapped to the width; only for {@link #forPeople()} output. */
  void note(String text, PrintWriter out, Context context, OutputSettings settings) {
    out.println(presentation(context, settings).wrap(text, "  "));
  }

  /**
   * The reader's language and zone from the configuration; the width from {@code --width}, else the
   * {@code COLUMNS} a shell exports, else {@link Presentation#DEFAULT_WIDTH}.
   */
  static Presentation presentation(CommandLine line, Integer width, Context context, OutputSettings settings) {
    int w = Presentation.DEFAULT_WIDTH;
    if (width != null) {
      if (width < Presentation.MIN_WIDTH) {
        throw new CommandLine.ParameterException(line,
            "--width must be at least " + Presentation.MIN_WIDTH + " but was " + width);
      }
      w = width;
    } else {
      String columns = context.env().get("COLUMNS");
      if (columns != null && columns.strip().matches("\\d{1,4}")) {
        w = Integer.parseInt(columns.strip());
      }
    }
    return new Presentation(settings.language(), settings.timeZone(), w);
  }

  static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.byName(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
