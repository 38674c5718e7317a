package dev.starling.engine.outcomes;

import dev.starling.connectors.Rejection;
import dev.starling.connectors.UnreadableSourceException;
import dev.starling.connectors.spreadsheet.RowSource;
import dev.starling.connectors.spreadsheet.SpreadsheetReader;
import dev.starling.connectors.spreadsheet.TableRow;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.leads.LeadSettings;
import dev.starling.engine.store.DataQuality;
import dev.starling.engine.store.ImportFigures;
import dev.starling.engine.store.LeadBook;
import dev.starling.engine.store.Store;
import dev.starling.engine.store.StoreTx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Imports an outcome list exported from a CRM (CSV in any encoding and separator Excel writes, or .xlsx;
 * see {@link OutcomeColumns} for the headers) in one transaction: every good row lands, every bad row is
 * kept as a rejection of the import ({@code starling rejects}), or, when the file cannot be read as an
 * outcome list at all, nothing lands. The import is recorded like any other ({@code starling imports},
 * format {@value #FORMAT}): rows read, recorded ({@code imported}), already recorded ({@code duplicates})
 * and rejected.
 */
public final class OutcomeImport {
  /** The format name outcome files are recorded under in {@code starling imports}. */
  public static final String FORMAT = "crm-outcomes";

  /** The format name replies to the digest are recorded under. */
  public static final String REPLY_FORMAT = "digest-reply";

  static final int HEADER_SEARCH_ROWS = 20;

  /**
   * What one file (or reply) did.
   *
   * @param source the file's name (or the reply's)
   * @param rejections the refused rows, in line order
   */
  public record Summary(long importId, String source, long rowsRead, long recorded, long alreadyRecorded,
      List<Rejection> rejections) {
    public long rejected() {
      return rejections.size();
    }
  }

  private OutcomeImport() {}

  /**
   * Imports {@code file}.
   *
   * @param by who recorded the outcomes, for rows without an owner, or {@code null}
   * @param zone the team's time zone: a bare date is that day's start there
   * @param now the real clock's time: rows without a date are stamped with it
   * @throws StarlingException when the file cannot be read, or has no outcome header
   */
  public static Summary importFile(Store store, Path file, String by, LeadSettings settings, ZoneId zone, long now) {
    String name = file.getFileName().toString();
    List<Outcome> outcomes = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    String sha;
    try (RowSource rows = SpreadsheetReader.rows(Files.newInputStream(file), name, OutcomeColumns::isHeaderCell)) {
      OutcomeColumns columns = header(rows, name);
      for (TableRow row = rows.next(); row != null; row = rows.next()) {
        if (row.isBlank()) {
          continue;
        }
        try {
          outcomes.add(columns.outcome(name, row, rows.separator(), by, settings, zone));
        } catch (IllegalArgumentException e) {
          rejections.add(new Rejection(name, row.line(), e.getMessage(), row.raw(rows.separator())));
        }
      }
      sha = sha256(file);
    } catch (UnreadableSourceException e) {
      throw new StarlingException(e.getMessage(), e);
    } catch (IOException e) {
      throw new StarlingException(name + ": cannot read: " + e.getMessage(), e);
    }
    String digest = sha;
    return store.inTransaction(tx -> land(tx, store, name, digest, FORMAT, outcomes, rejections, zone, now));
  }

  private static OutcomeColumns header(RowSource rows, String name) throws IOException {
    TableRow widest = null;
    for (int i = 0; i < HEADER_SEARCH_ROWS; i++) {
      TableRow row = rows.next();
      if (row == null) {
        break;
      }
      var match = OutcomeColumns.match(row.cells());
      if (match.isPresent()) {
        return match.get();
      }
      if (widest == null || nonBlank(row) > nonBlank(widest)) {
        widest = row;
      }
    }
    if (widest == null) {
      throw new StarlingException(name + ": file is empty (a header row with " + OutcomeColumns.required() + " is required)");
    }
    String found = widest.cells().stream().filter(c -> !c.isBlank()).map(c -> "'" + c.strip() + "'")
        .collect(Collectors.joining(", "));
    throw new StarlingException(name + ":" + widest.line() + ": no outcome header in the first " + HEADER_SEARCH_ROWS
        + " rows: it needs " + OutcomeColumns.required() + " but the columns found were " + found);
  }

  private static long nonBlank(TableRow r) {
    return r.cells().stream().filter(c -> !c.isBlank()).count();
  }

  /**
   * Records {@code outcomes} in the caller's transaction as one import named {@code source}, with the rows
   * already refused while reading ({@code rejections}) and those the ledger refuses.
   */
  static Summary land(StoreTx tx, Store store, String source, String sha256, String format, List<Outcome> outcomes,
      List<Rejection> rejections, ZoneId zone, long now) {
    long id = tx.importLog().begin(source, sha256, format, now);
    OutcomeLedger ledger = new OutcomeLedger(new LeadBook(store), zone, now);
    List<Rejection> refused = new ArrayList<>(rejections);
    long recorded = 0;
    long already = 0;
    for (Outcome o : outcomes) {
      OutcomeLedger.Verdict v = ledger.record(o);
      switch (v.kind()) {
        case RECORDED -> recorded++;
        case ALREADY_RECORDED -> already++;
        case REJECTED -> refused.add(new Rejection(source, o.line(), v.message(), o.raw()));
      }
    }
    refused.sort(Comparator.comparingLong(Rejection::line));
    refused.forEach(r -> tx.importLog().reject(id, r));
    tx.importLog().flush();
    long read = outcomes.size() + rejections.size();
    tx.importLog().finish(id, new ImportFigures("outcomes", now, read, recorded, already, refused.size(), 0, 0),
        DataQuality.NONE);
    return new Summary(id, source, read, recorded, already, List.copyOf(refused));
  }

  /** The file's SHA-256, as every import records it (a second pass: a CRM export is small). */
  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
