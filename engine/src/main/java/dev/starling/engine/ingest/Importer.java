package dev.starling.engine.ingest;

import dev.starling.connectors.Campaign;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Fact;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.csv.CanonicalColumns;
import dev.starling.engine.store.Meta;
import dev.starling.engine.store.Store;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Imports files into the store, one transaction per file.
 *
 * <p>Why it is built this way: an import is mostly sends, millions of rows, so rows go through
 * prepared statements in batches and the email/campaign/agent ids are resolved from in-memory maps
 * loaded once per import (ids are assigned here, densely, so no round trip is needed for a new one).
 * Idempotence comes from the data, not from bookkeeping: sends, deliveries and bounces are upserts on
 * the (campaign, subscriber) message that only write when they add something; other events are keyed
 * by a dedupe key; a file whose bytes were imported before is skipped whole. An exception anywhere,
 * including from the listener, rolls the whole file back.
 */
public final class Importer {
  private static final int BATCH = 20_000;
  private static final int PROGRESS_EVERY = 50_000;
  private static final int KEEP_REJECTIONS = 20;

  private final Store store;
  private final Clock clock;

  public Importer(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Imports one file ({@code .gz} is decompressed on the fly).
   *
   * @param format the format, or {@code null} to detect it from the content
   * @throws ImportException when the file is missing, unreadable or of no known format; nothing lands
   */
  public ImportSummary importFile(Path file, Format format, ImportListener listener) {
    long started = clock.millis();
    long startNanos = System.nanoTime();
    String source = file.getFileName().toString();
    long size;
    String sha;
    try {
      size = Files.size(file);
      sha = sha256(file);
    } catch (NoSuchFileException e) {
      throw new ImportException(file + ": no such file");
    } catch (IOException e) {
      throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
    }
    long earlier = store.inTransaction(c -> findImport(c, sha));
    if (earlier > 0) {
      return new ImportSummary(source, "-", "-", 0, earlier, 0, 0, 0, 0, 0, 0, ImportSummary.Quality.NONE, List.of(),
          seconds(startNanos));
    }
    try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file))) {
      InputStream in = new BufferedInputStream(counted, 1 << 16);
      if (isGzip(in)) {
        in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      }
      Format chosen = format != null ? format : detect(file, in);
      FactReader reader = chosen.open(in, source);
      try (ReadAhead rows = new ReadAhead(reader, source)) {
        Batch batch = store.inTransaction(c -> {
          Batch b = new Batch(c, clock.millis());
          b.beginImport(source, sha, chosen.id(), started);
          ReadResult r;
          while ((r = rows.next()) != null) {
            b.add(r);
            if (b.rowsRead % PROGRESS_EVERY == 0) {
              listener.progress(counted.count, size, b.rowsRead);
            }
          }
          listener.progress(counted.count, size, b.rowsRead);
          b.finish(reader.contentKind(), clock.millis());
          long latest = Math.max(b.latest, Meta.get(c, Meta.LATEST_DATA_TIME).map(Long::parseLong)
              .orElseGet(() -> b.latestInStore()));
          Meta.set(c, Meta.LATEST_DATA_TIME, Long.toString(latest));
          boolean full = b.listRows > 0 || Meta.get(c, Meta.FEATURES_DIRTY).map("full"::equals).orElse(false);
          Meta.set(c, Meta.FEATURES_DIRTY, full ? "full" : "1");
          return b;
        });
        return new ImportSummary(source, chosen.id(), reader.contentKind(), batch.importId, 0, batch.rowsRead,
            batch.imported, batch.duplicates, batch.rejected, batch.newSubscribers, batch.unknownCampaigns,
            batch.quality, batch.firstRejections, seconds(startNanos));
      }
    } catch (dev.starling.connectors.UnreadableSourceException e) {
      throw unreadable(file, e);
    } catch (IOException e) {
      throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      if (e.getCause() instanceof dev.starling.connectors.UnreadableSourceException u) {
        throw unreadable(file, u);
      }
      throw new ImportException(file + ": cannot read: " + e.getCause().getMessage(), e);
    }
  }

  /** The reader could not go on past a line: say where, with the path as given, and that nothing landed. */
  private static ImportException unreadable(Path file, dev.starling.connectors.UnreadableSourceException e) {
    return new ImportException((e.line() > 0 ? file + ":" + e.line() : file.toString()) + ": " + e.reason()
        + "; nothing of the file was imported", e);
  }

  private static Format detect(Path file, InputStream in) throws IOException {
    in.mark(8192);
    byte[] head = in.readNBytes(8192);
    in.reset();
    if (head.length == 0) {
      throw new ImportException(file + ": file is empty");
    }
    return Format.detect(head).orElseThrow(() -> new ImportException(file
        + ": not a format Starling knows (see 'starling formats'); for Starling's CSV the header must be one of: "
        + String.join(",", CanonicalColumns.SUBSCRIBERS) + " | " + String.join(",", CanonicalColumns.CAMPAIGNS)
        + " | " + String.join(",", CanonicalColumns.EVENTS)));
  }

  private static long findImport(Connection c, String sha) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM imports WHERE sha256 = ? ORDER BY id LIMIT 1")) {
      ps.setString(1, sha);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    return a == 0x1f && b == 0x8b;
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The rows of one import on their way to the store: id maps, prepared statements, counters. */
  private static final class Batch {
    private final Connection c;
    private final long now;
    private final Map<String, Integer> subscriberIds = new HashMap<>();
    private final Map<String, Integer> campaignIds = new HashMap<>();
    private final Map<String, Integer> agentIds = new HashMap<>();
    private int maxSubscriber;
    private int maxCampaign;
    private int maxAgent;
    long importId;
    long rowsRead;
    long imported;
    long duplicates;
    long rejected;
    long newSubscribers;
    long unknownCampaigns;
    ImportSummary.Quality quality = ImportSummary.Quality.NONE;
    long listRows;
    long latest;
    final java.util.BitSet touchedCampaigns = new java.util.BitSet();
    final List<Rejection> firstRejections = new ArrayList<>();

    private final PreparedStatement insertSubscriber;
    private final PreparedStatement updateSubscriber;
    private final PreparedStatement insertCampaign;
    private final PreparedStatement updateCampaign;
    private final PreparedStatement message;
    /** Rows of the file behind each queued message write (a merged send + delivery is two). */
    private int[] messageRows = new int[BATCH];
    // The message being merged: consecutive send/delivery/bounce rows of one (campaign, subscriber).
    private int mCamp = -1;
    private int mSub;
    private long mSent;
    private long mDelivered;
    private long mBounced;
    private int mBounce;
    private int mRows;
    private final PreparedStatement event;
    private final PreparedStatement insertAgent;
    private final PreparedStatement rejection;
    private final PreparedStatement implicitSubscriber;
    private final PreparedStatement placeholderCampaign;
    private final PreparedStatement[] all;
    private final int[] pending;

    Batch(Connection c, long now) throws SQLException {
      this.c = c;
      this.now = now;
      load("SELECT id, email FROM subscribers", subscriberIds);
      load("SELECT id, code FROM campaigns", campaignIds);
      load("SELECT id, text FROM agents", agentIds);
      maxSubscriber = max(subscriberIds);
      maxCampaign = max(campaignIds);
      maxAgent = max(agentIds);
      insertSubscriber = c.prepareStatement(
          "INSERT INTO subscribers (id, email, domain, first_name, last_name, company, country, created_at, tags, status, on_list)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      // Writes only what a list adds or changes; a row identical to the store's updates nothing.
      updateSubscriber = c.prepareStatement(
          "UPDATE subscribers SET first_name = coalesce(?1, first_name), last_name = coalesce(?2, last_name),"
              + " company = coalesce(?3, company), country = coalesce(?4, country), created_at = coalesce(?5, created_at),"
              + " tags = coalesce(?6, tags), status = coalesce(?7, status), on_list = 1"
              + " WHERE id = ?8 AND (on_list = 0 OR first_name IS NOT coalesce(?1, first_name) OR last_name IS NOT coalesce(?2, last_name)"
              + " OR company IS NOT coalesce(?3, company) OR country IS NOT coalesce(?4, country)"
              + " OR created_at IS NOT coalesce(?5, created_at) OR tags IS NOT coalesce(?6, tags) OR status IS NOT coalesce(?7, status))");
      insertCampaign = c.prepareStatement(
          "INSERT INTO campaigns (id, code, name, subject, sent_at, list, placeholder) VALUES (?, ?, ?, ?, ?, ?, ?)");
      updateCampaign = c.prepareStatement(
          "UPDATE campaigns SET name = coalesce(?1, name), subject = coalesce(?2, subject), sent_at = coalesce(?3, sent_at),"
              + " list = coalesce(?4, list), placeholder = 0"
              + " WHERE id = ?5 AND (placeholder = 1 OR name IS NOT coalesce(?1, name) OR subject IS NOT coalesce(?2, subject)"
              + " OR sent_at IS NOT coalesce(?3, sent_at) OR list IS NOT coalesce(?4, list))");
      // One write per message: the send, delivery and bounce rows of one message that come together
      // (as exports write them) are merged first; it writes only what is earlier or worse than the store's.
      message = c.prepareStatement(
          "INSERT INTO messages (campaign_id, subscriber_id, sent_at, delivered_at, bounced_at, bounce) VALUES (?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (campaign_id, subscriber_id) DO UPDATE SET"
              + " sent_at = CASE WHEN excluded.sent_at < coalesce(sent_at, excluded.sent_at + 1) THEN excluded.sent_at ELSE sent_at END,"
              + " delivered_at = CASE WHEN excluded.delivered_at < coalesce(delivered_at, excluded.delivered_at + 1)"
              + " THEN excluded.delivered_at ELSE delivered_at END,"
              + " bounced_at = CASE WHEN excluded.bounce > bounce OR (excluded.bounce = bounce AND excluded.bounced_at < bounced_at)"
              + " THEN excluded.bounced_at ELSE bounced_at END,"
              + " bounce = max(bounce, excluded.bounce)"
              + " WHERE excluded.sent_at < coalesce(sent_at, excluded.sent_at + 1)"
              + " OR excluded.delivered_at < coalesce(delivered_at, excluded.delivered_at + 1)"
              + " OR excluded.bounce > bounce OR (excluded.bounce = bounce AND excluded.bounce > 0 AND excluded.bounced_at < bounced_at)");
      event = c.prepareStatement(
          "INSERT OR IGNORE INTO events (campaign_id, subscriber_id, dedupe, type, at, agent_id, ip, url, machine_flag, detail, import_id)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insertAgent = c.prepareStatement("INSERT INTO agents (id, text) VALUES (?, ?)");
      rejection = c.prepareStatement("INSERT INTO rejections (import_id, line, reason, raw) VALUES (?, ?, ?, ?)");
      implicitSubscriber = c.prepareStatement("INSERT INTO subscribers (id, email, domain, on_list) VALUES (?, ?, ?, 0)");
      placeholderCampaign = c.prepareStatement("INSERT INTO campaigns (id, code, placeholder) VALUES (?, ?, 1)");
      // Slots 0-5 count toward imported/duplicates; rejections (6) are counted as read; the implicit
      // inserts (7, 8: people and campaigns first named by an event) are not rows of the file.
      all = new PreparedStatement[] {insertSubscriber, updateSubscriber, insertCampaign, updateCampaign, message, event,
          rejection, implicitSubscriber, placeholderCampaign};
      pending = new int[all.length];
    }

    void beginImport(String source, String sha, String format, long started) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO imports (source, sha256, format, kind, started_at, finished_at, rows_read, imported, duplicates, rejected,"
              + " new_subscribers, new_campaigns) VALUES (?, ?, ?, '', ?, 0, 0, 0, 0, 0, 0, 0)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, source);
        ps.setString(2, sha);
        ps.setString(3, format);
        ps.setLong(4, started);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          importId = keys.getLong(1);
        }
      }
    }

    void add(ReadResult r) throws SQLException {
      rowsRead++;
      switch (r) {
        case Rejection rej -> reject(rej);
        case Fact f -> fact(f);
      }
    }

    private void fact(Fact f) throws SQLException {
      switch (f) {
        case Subscriber s -> subscriber(s);
        case Campaign cp -> campaign(cp);
        case Event e -> event(e);
      }
    }

    private void subscriber(Subscriber s) throws SQLException {
      listRows++;
      String tags = s.tags().isEmpty() ? null : String.join(String.valueOf(CanonicalColumns.TAG_SEPARATOR), s.tags());
      String status = s.status() == null ? null : s.status().name().toLowerCase(java.util.Locale.ROOT);
      Integer id = subscriberIds.get(s.email());
      if (id == null) {
        id = ++maxSubscriber;
        subscriberIds.put(s.email(), id);
        newSubscribers++;
        PreparedStatement ps = insertSubscriber;
        ps.setInt(1, id);
        ps.setString(2, s.email());
        ps.setString(3, s.domain());
        ps.setString(4, s.firstName());
        ps.setString(5, s.lastName());
        ps.setString(6, s.company());
        ps.setString(7, s.country());
        setLong(ps, 8, s.createdAtMillis());
        ps.setString(9, tags);
        ps.setString(10, status);
        ps.setInt(11, 1);
        queue(0);
        return;
      }
      PreparedStatement ps = updateSubscriber;
      ps.setString(1, s.firstName());
      ps.setString(2, s.lastName());
      ps.setString(3, s.company());
      ps.setString(4, s.country());
      setLong(ps, 5, s.createdAtMillis());
      ps.setString(6, tags);
      ps.setString(7, status);
      ps.setInt(8, id);
      queue(1);
    }

    private void campaign(Campaign cp) throws SQLException {
      Integer id = campaignIds.get(cp.id());
      if (id == null) {
        id = ++maxCampaign;
        campaignIds.put(cp.id(), id);
        PreparedStatement ps = insertCampaign;
        ps.setInt(1, id);
        ps.setString(2, cp.id());
        ps.setString(3, cp.name());
        ps.setString(4, cp.subject());
        setLong(ps, 5, cp.sentAtMillis());
        ps.setString(6, cp.list());
        ps.setInt(7, 0);
        queue(2);
        return;
      }
      PreparedStatement ps = updateCampaign;
      ps.setString(1, cp.name());
      ps.setString(2, cp.subject());
      setLong(ps, 3, cp.sentAtMillis());
      ps.setString(4, cp.list());
      ps.setInt(5, id);
      queue(3);
    }

    private void event(Event e) throws SQLException {
      latest = Math.max(latest, e.atMillis());
      int sub = subscriberFor(e);
      int camp = e.campaignId() == null ? 0 : campaignFor(e.campaignId());
      touchedCampaigns.set(camp);
      switch (e.type()) {
        case SEND, DELIVERY, BOUNCE -> message(e, camp, sub);
        case OPEN, CLICK, COMPLAINT, UNSUBSCRIBE -> {
          PreparedStatement ps = event;
          ps.setInt(1, camp);
          ps.setInt(2, sub);
          ps.setLong(3, e.dedupeKey());
          ps.setInt(4, e.type().code());
          ps.setLong(5, e.atMillis());
          if (e.userAgent() == null) {
            ps.setNull(6, Types.INTEGER);
          } else {
            ps.setInt(6, agentFor(e.userAgent()));
          }
          ps.setString(7, e.ip());
          ps.setString(8, e.url());
          if (e.machineFlag() == null) {
            ps.setNull(9, Types.INTEGER);
          } else {
            ps.setInt(9, e.machineFlag() ? 1 : 0);
          }
          ps.setString(10, e.detail());
          ps.setLong(11, importId);
          queue(5);
        }
      }
    }

    /** Merges a send, delivery or bounce into the pending message, writing the previous one when it differs. */
    private void message(Event e, int camp, int sub) throws SQLException {
      if (camp != mCamp || sub != mSub) {
        flushMessage();
        mCamp = camp;
        mSub = sub;
        mSent = 0;
        mDelivered = 0;
        mBounced = 0;
        mBounce = 0;
        mRows = 0;
      }
      mRows++;
      long at = e.atMillis();
      switch (e.type()) {
        case SEND -> mSent = mSent == 0 ? at : Math.min(mSent, at);
        case DELIVERY -> mDelivered = mDelivered == 0 ? at : Math.min(mDelivered, at);
        default -> {
          int b = e.bounceKind() == dev.starling.connectors.BounceKind.HARD ? 2 : 1;
          if (b > mBounce || (b == mBounce && at < mBounced)) {
            mBounce = b;
            mBounced = at;
          }
        }
      }
    }

    private void flushMessage() throws SQLException {
      if (mCamp < 0 || mRows == 0) {
        return;
      }
      message.setInt(1, mCamp);
      message.setInt(2, mSub);
      setTime(message, 3, mSent);
      setTime(message, 4, mDelivered);
      setTime(message, 5, mBounced);
      message.setInt(6, mBounce);
      if (pending[4] == messageRows.length) {
        messageRows = java.util.Arrays.copyOf(messageRows, messageRows.length * 2);
      }
      messageRows[pending[4]] = mRows;
      mRows = 0;
      mCamp = -1;
      queue(4);
    }

    private static void setTime(PreparedStatement ps, int i, long v) throws SQLException {
      if (v == 0) {
        ps.setNull(i, Types.INTEGER);
      } else {
        ps.setLong(i, v);
      }
    }

    /** The subscriber's id; a person first seen in an event log is added with just the address. */
    private int subscriberFor(Event e) throws SQLException {
      Integer id = subscriberIds.get(e.email());
      if (id != null) {
        return id;
      }
      int nid = ++maxSubscriber;
      subscriberIds.put(e.email(), nid);
      newSubscribers++;
      implicitSubscriber.setInt(1, nid);
      implicitSubscriber.setString(2, e.email());
      implicitSubscriber.setString(3, e.email().substring(e.email().lastIndexOf('@') + 1));
      queue(7);
      return nid;
    }

    /** The campaign's id; one first named by an event is created as a placeholder (sent_at filled in at the end). */
    private int campaignFor(String code) throws SQLException {
      Integer id = campaignIds.get(code);
      if (id != null) {
        return id;
      }
      int nid = ++maxCampaign;
      campaignIds.put(code, nid);
      unknownCampaigns++;
      placeholderCampaign.setInt(1, nid);
      placeholderCampaign.setString(2, code);
      queue(8);
      return nid;
    }

    private int agentFor(String agent) throws SQLException {
      Integer id = agentIds.get(agent);
      if (id != null) {
        return id;
      }
      int nid = ++maxAgent;
      agentIds.put(agent, nid);
      insertAgent.setInt(1, nid);
      insertAgent.setString(2, agent);
      insertAgent.executeUpdate();
      return nid;
    }

    private void reject(Rejection r) throws SQLException {
      rejected++;
      if (firstRejections.size() < KEEP_REJECTIONS) {
        firstRejections.add(r);
      }
      rejection.setLong(1, importId);
      rejection.setLong(2, r.line());
      rejection.setString(3, r.reason());
      rejection.setString(4, r.raw());
      queue(6);
    }

    private void queue(int slot) throws SQLException {
      all[slot].addBatch();
      if (++pending[slot] >= BATCH) {
        flush(slot);
      }
    }

    private void flush(int slot) throws SQLException {
      if (pending[slot] == 0) {
        return;
      }
      if (slot == 1 || slot == 3) {
        // an update must not run before the pending insert of the same row
        flush(slot - 1);
        flush(slot == 1 ? 7 : 8);
      }
      int[] counts = all[slot].executeBatch();
      pending[slot] = 0;
      if (slot >= 6) {
        return; // rejections are counted as they come; implicit inserts are not rows of the file
      }
      for (int i = 0; i < counts.length; i++) {
        // A merged message counts all its rows together: all imported if it changed the store.
        int rows = slot == 4 ? messageRows[i] : 1;
        if (counts[i] > 0) {
          imported += rows;
        } else {
          duplicates += rows;
        }
      }
    }

    void finish(String kind, long finished) throws SQLException {
      flushMessage();
      flush(7);
      flush(8);
      for (int i = 0; i < all.length; i++) {
        flush(i);
      }
      if (unknownCampaigns > 0) {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("UPDATE campaigns SET sent_at = (SELECT min(coalesce(sent_at, delivered_at, bounced_at)) FROM messages"
              + " WHERE messages.campaign_id = campaigns.id) WHERE placeholder = 1 AND sent_at IS NULL");
        }
      }
      quality = quality();
      try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO dirty_campaigns (campaign_id) VALUES (?)")) {
        for (int camp = touchedCampaigns.nextSetBit(0); camp >= 0; camp = touchedCampaigns.nextSetBit(camp + 1)) {
          ps.setInt(1, camp);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE imports SET no_send_engagements = ?, clicks_before_delivery = ?, events_before_signup = ?,"
              + " untracked_sends = ? WHERE id = ?")) {
        ps.setLong(1, quality.noSendEngagements());
        ps.setLong(2, quality.clicksBeforeDelivery());
        ps.setLong(3, quality.eventsBeforeSignup());
        ps.setLong(4, quality.untrackedSends());
        ps.setLong(5, importId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE imports SET kind = ?, finished_at = ?, rows_read = ?, imported = ?, duplicates = ?, rejected = ?,"
              + " new_subscribers = ?, new_campaigns = ? WHERE id = ?")) {
        ps.setString(1, kind);
        ps.setLong(2, finished);
        ps.setLong(3, rowsRead);
        ps.setLong(4, imported);
        ps.setLong(5, duplicates);
        ps.setLong(6, rejected);
        ps.setLong(7, newSubscribers);
        ps.setLong(8, unknownCampaigns);
        ps.setLong(9, importId);
        ps.executeUpdate();
      }
      for (PreparedStatement ps : all) {
        ps.close();
      }
      insertAgent.close();
    }

    /** The newest time already in the store (a store from before the importer kept it in meta). */
    long latestInStore() {
      try {
        return dev.starling.engine.features.FeatureReplay.latestDataTime(c);
      } catch (SQLException e) {
        throw new dev.starling.engine.store.StoreException("cannot read the store's latest time: " + e.getMessage(), e);
      }
    }

    /** The data-quality figures: primary-key lookups from this import's events, and per touched campaign. */
    private ImportSummary.Quality quality() throws SQLException {
      long noSend = count("SELECT count(*) FROM events e WHERE e.import_id = ? AND e.type IN (3, 4) AND NOT EXISTS"
          + " (SELECT 1 FROM messages m WHERE m.campaign_id = e.campaign_id AND m.subscriber_id = e.subscriber_id)");
      long clicksEarly = count("SELECT count(*) FROM events e JOIN messages m ON m.campaign_id = e.campaign_id"
          + " AND m.subscriber_id = e.subscriber_id WHERE e.import_id = ? AND e.type = 4 AND m.delivered_at > e.at");
      long beforeSignup = count("SELECT count(*) FROM events e JOIN subscribers s ON s.id = e.subscriber_id"
          + " WHERE e.import_id = ? AND s.created_at > e.at");
      long untracked = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM messages WHERE campaign_id = ?1 AND NOT EXISTS"
          + " (SELECT 1 FROM events e WHERE e.campaign_id = ?1 AND e.type IN (3, 4))")) {
        for (int camp = touchedCampaigns.nextSetBit(1); camp > 0; camp = touchedCampaigns.nextSetBit(camp + 1)) {
          ps.setInt(1, camp);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            untracked += rs.getLong(1);
          }
        }
      }
      return new ImportSummary.Quality(noSend, clicksEarly, beforeSignup, untracked);
    }

    private long count(String sql) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, importId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }

    private void load(String sql, Map<String, Integer> into) throws SQLException {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          into.put(rs.getString(2), rs.getInt(1));
        }
      }
    }

    private static int max(Map<String, Integer> ids) {
      int m = 0;
      for (int v : ids.values()) {
        m = Math.max(m, v);
      }
      return m;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
      if (v == null) {
        ps.setNull(i, Types.INTEGER);
      } else {
        ps.setLong(i, v);
      }
    }
  }

  /** Counts the bytes read from the file, for progress. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
