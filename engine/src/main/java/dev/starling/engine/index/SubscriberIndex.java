package dev.starling.engine.index;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.SearchSource;
import dev.starling.engine.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;

/**
 * The subscriber and account search index: one Lucene index in {@code <data>/index}, derived from the store
 * and rebuilt from it at will. SQLite stays the record; this is a view for questions the store answers
 * slowly ("four- and five-star people in Spain who clicked pricing", facet counts over them).
 *
 * <p><b>Keeping up.</b> {@link #sync} compares the store's data version with the one the last commit
 * recorded; when they differ it streams every subscriber from the store, builds each document, and rewrites
 * only those whose fingerprint changed (plus the accounts of changed people): an import that touched a
 * thousand people rewrites about a thousand documents, whatever the store's size. All changes land in one
 * commit, so a search in another process sees the state before or after, never half of it. A missing or
 * unreadable index, or one written with another {@link IndexSchema#VERSION}, is rebuilt with a one-line note.
 *
 * <p><b>Concurrency.</b> One writer at a time (Lucene's write lock): a process that finds another one
 * updating the index searches the last commit, with a note. Searches go through a {@link SearcherManager}.
 *
 * <pre>{@code
 * try (SubscriberIndex index = SubscriberIndex.open(dataDir, store, settings)) {
 *   index.sync(notes);
 *   SearchResult r = index.search(new SearchRequest("company:acme stars:[4 TO 5]", false, 20, SearchSort.SCORE, true));
 * }
 * }</pre>
 */
public final class SubscriberIndex implements AutoCloseable {
  /** The index directory's name inside the data directory. */
  public static final String DIR = "index";
  private static final String SCHEMA_KEY = "schema";
  private static final String DATA_KEY = "data";

  /**
   * Lucene logs, through java.util.logging, that the JDK's vector module is not enabled: advice for vector
   * search, which this index does not use. Held here so the logger (and its level) is not collected.
   */
  private static final java.util.logging.Logger VECTOR_ADVICE =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");

  static {
    VECTOR_ADVICE.setLevel(java.util.logging.Level.SEVERE);
  }

  private final Path path;
  private final Store store;
  private final EngagementSettings settings;
  private final Analyzer analyzer = IndexSchema.analyzer();
  private Directory directory;
  private SearcherManager searchers;
  /** What searches of the current reader keep (match sets, rankings, facet columns); replaced with the reader. */
  private Snapshot snapshot;

  private SubscriberIndex(Path path, Store store, EngagementSettings settings) {
    this.path = path;
    this.store = store;
    this.settings = settings;
  }

  /** The index of {@code dataDir} over {@code store}; opens nothing yet. */
  public static SubscriberIndex open(Path dataDir, Store store, EngagementSettings settings) {
    return new SubscriberIndex(dataDir.resolve(DIR), store, settings);
  }

  /** What an update did. */
  public record Update(Kind kind, int written, int deleted, long millis) {
    /** Whether the index was built from nothing, brought up to date, or already was. */
    public enum Kind { REBUILT, UPDATED, CURRENT, SKIPPED }
  }

  /** What the index holds: documents of each type, size on disk, segments. */
  public record Stats(long subscribers, long accounts, long bytes, int segments, String dataVersion) {}

  /**
   * Brings the index up to the store: rebuilds it when missing, unreadable or of another schema version
   * (telling {@code notes} why, in one line), else rewrites the documents that changed since the last commit.
   * When another process holds the index's write lock, or the store is read-only, leaves it as it is.
   */
  public Update sync(Consumer<String> notes) {
    long t0 = System.nanoTime();
    String version = store.read(tx -> new SearchSource(store).dataVersion());
    Health health = health();
    if (health.state == State.OK && version.equals(health.dataVersion)) {
      return new Update(Update.Kind.CURRENT, 0, 0, (System.nanoTime() - t0) / 1_000_000);
    }
    if (!Files.isWritable(path.getParent())) {
      if (health.state != State.OK) {
        throw new IndexException("the search index in " + path + " " + health.why + " and the data directory is read-only,"
            + " so it cannot be rebuilt; run 'starling reindex' where it is writable", null);
      }
      notes.accept("the data directory is read-only: searching the index as last built");
      return new Update(Update.Kind.SKIPPED, 0, 0, 0);
    }
    try {
      if (health.state != State.OK) {
        notes.accept("the search index " + health.why + ": rebuilding it from the store");
        return rebuild();
      }
      return write(false, t0);
    } catch (LockObtainFailedException e) {
      notes.accept("another process is updating the search index: searching its last committed state");
      return new Update(Update.Kind.SKIPPED, 0, 0, 0);
    } catch (IOException e) {
      throw new IndexException("cannot update the search index in " + path + ": " + e.getMessage(), e);
    }
  }

  /** Builds the index anew from the store ({@code starling reindex}); the old one serves searches until the commit. */
  public Update rebuild() {
    long t0 = System.nanoTime();
    try {
      Health health = health();
      if (health.state == State.CORRUPT || health.state == State.OTHER_SCHEMA) {
        wipe(); // a writer cannot even open over files it cannot read
      }
      return write(true, t0);
    } catch (LockObtainFailedException e) {
      throw new IndexException("another process is updating the search index in " + path + "; try again when it is done", e);
    } catch (IOException e) {
      throw new IndexException("cannot build the search index in " + path + ": " + e.getMessage(), e);
    }
  }

  private enum State { OK, MISSING, CORRUPT, OTHER_SCHEMA }

  private record Health(State state, String why, String dataVersion) {}

  private Health health() {
    if (!Files.isDirectory(path)) {
      return new Health(State.MISSING, "is missing", null);
    }
    if (searchers != null) {
      // This process already reads the index: its newest commit says all there is to know, without opening
      // every segment again (a long-lived process checks before each search).
      try {
        searchers.maybeRefresh();
        IndexSearcher s = searchers.acquire();
        try {
          Map<String, String> data = ((DirectoryReader) s.getIndexReader()).getIndexCommit().getUserData();
          if (String.valueOf(IndexSchema.VERSION).equals(data.get(SCHEMA_KEY))) {
            return new Health(State.OK, "", data.get(DATA_KEY));
          }
        } finally {
          searchers.release(s);
        }
      } catch (IOException | RuntimeException e) {
        // fall through to the full check, which names the problem
      }
    }
    try {
      Directory dir = directory();
      if (!DirectoryReader.indexExists(dir)) {
        return new Health(State.MISSING, "is missing", null);
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        Map<String, String> data = r.getIndexCommit().getUserData();
        String schema = data.get(SCHEMA_KEY);
        if (!String.valueOf(IndexSchema.VERSION).equals(schema)) {
          return new Health(State.OTHER_SCHEMA, "was written by another version of Starling (layout " + schema + ", this one"
              + " reads " + IndexSchema.VERSION + ")", null);
        }
        // Opening checked every segment's header, footer and length (a torn or truncated file fails here);
        // a full checksum pass (CheckIndex) would read the whole index on every command.
        return new Health(State.OK, "", data.get(DATA_KEY));
      }
    } catch (IOException | RuntimeException e) {
      return new Health(State.CORRUPT, "is unreadable (" + firstLine(e) + ")", null);
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  private void wipe() throws IOException {
    closeSearchers();
    if (directory != null) {
      directory.close();
      directory = null;
    }
    try (Stream<Path> files = Files.list(path)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private Directory directory() throws IOException {
    if (directory == null) {
      directory = FSDirectory.open(path);
    }
    return directory;
  }

  private IndexWriter writer(boolean create) throws IOException {
    Files.createDirectories(path);
    IndexWriterConfig config = new IndexWriterConfig(analyzer);
    config.setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(96); // fewer, larger flushed segments: less merging during a full build
    config.setUseCompoundFile(false); // compound files cost a copy of every new segment
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setNoCFSRatio(0);
    merges.setForceMergeDeletesPctAllowed(0); // forget: every segment holding a deleted document is rewritten
    // A full build writes a handful of large segments (one per indexing thread and RAM buffer): merging them
    // while building cost a tenth of it; the next update's writer merges them if it is worth it.
    config.setMergePolicy(create ? NoMergePolicy.INSTANCE : merges);
    config.setCommitOnClose(false);
    return new IndexWriter(directory(), config);
  }

  /** The previous commit's fingerprints: subscribers by dense id, accounts by key. */
  private static final class Known {
    long[] subscribers = new long[0];
    final BitSet present = new BitSet();
    /** The subscribers the store still has (filled while streaming it). */
    final BitSet seen = new BitSet();
    final Map<String, Long> accounts = new HashMap<>();

    void subscriber(int id, long fp) {
      if (id >= subscribers.length) {
        subscribers = Arrays.copyOf(subscribers, Math.max(id + 1, subscribers.length * 2));
      }
      subscribers[id] = fp;
      present.set(id);
    }

    boolean same(int id, long fp) {
      return present.get(id) && subscribers[id] == fp;
    }
  }

  private Known known(IndexWriter w) throws IOException {
    Known k = new Known();
    try (DirectoryReader r = DirectoryReader.open(w)) {
      for (LeafReaderContext leaf : r.leaves()) {
        LeafReader lr = leaf.reader();
        Bits live = lr.getLiveDocs();
        NumericDocValues fp = lr.getNumericDocValues(IndexSchema.FINGERPRINT);
        NumericDocValues sid = lr.getNumericDocValues(IndexSchema.SUBSCRIBER_ID);
        SortedSetDocValues key = lr.getSortedSetDocValues(IndexSchema.KEY);
        if (fp == null) {
          continue;
        }
        for (int doc = fp.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = fp.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          if (sid != null && sid.advanceExact(doc)) {
            k.subscriber((int) sid.longValue(), fp.longValue());
          } else if (key != null && key.advanceExact(doc)) {
            k.accounts.put(key.lookupOrd(key.nextOrd()).utf8ToString(), fp.longValue());
          }
        }
      }
    }
    return k;
  }

  private Update write(boolean create, long t0) throws IOException {
    int[] counts = new int[2]; // written, deleted
    try (IndexWriter w = writer(create)) {
      Known known = create ? new Known() : known(w);
      String version = store.read(tx -> {
        try (Feeder feeder = new Feeder(w, Feeder.threads())) {
          return feed(feeder, create, known, counts);
        }
      });
      // Deletions run after the feeder is done: none of them names a document it added. The ids of the
      // people the store no longer has go in one query (a pass over the id doc values, which have no index).
      List<Long> vanished = new ArrayList<>();
      for (int id = known.present.nextSetBit(0); id >= 0; id = known.present.nextSetBit(id + 1)) {
        if (!known.seen.get(id)) {
          vanished.add((long) id);
        }
      }
      if (!vanished.isEmpty()) {
        w.deleteDocuments(NumericDocValuesField.newSlowSetQuery(IndexSchema.SUBSCRIBER_ID,
            vanished.stream().mapToLong(Long::longValue).toArray()));
        counts[1] += vanished.size();
      }
      for (String gone : known.accounts.keySet()) {
        w.deleteDocuments(new Term(IndexSchema.KEY, gone));
        counts[1]++;
      }
      long tCommit = System.nanoTime();
      commit(w, version);
      timing("commit", tCommit);
    }
    refreshSearchers();
    return new Update(create ? Update.Kind.REBUILT : counts[0] + counts[1] == 0 ? Update.Kind.CURRENT : Update.Kind.UPDATED,
        counts[0], counts[1], (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Streams the store's subscribers, hands the feeder each document that is new or changed (all of them for a
   * build), then each account's; leaves in {@code known} what the store no longer has. Returns the data version read.
   */
  private String feed(Feeder feeder, boolean create, Known known, int[] counts) {
    SearchSource source = new SearchSource(store);
    String version = source.dataVersion();
    Map<Integer, String> subjects = source.subjects();
    long tScan = System.nanoTime();
    HumanOpens opens = HumanOpens.scan(store, source.campaignsInSendOrder(), settings);
    timing("scan human opens", tScan);
    long tDocs = System.nanoTime();
    Map<String, AccountDoc.Builder> accounts = new LinkedHashMap<>();
    source.forEachSubscriber(row -> {
      SubscriberDoc doc = SubscriberDoc.of(row, subjectsOf(opens.of(row.id()), subjects));
      known.seen.set(row.id());
      long fp = doc.fingerprint();
      if (create) {
        feeder.put(null, () -> doc.document(fp)); // nothing to replace: no delete-by-term bookkeeping
      } else if (!known.same(row.id(), fp)) {
        feeder.put(new Term(IndexSchema.KEY, doc.key()), () -> doc.document(fp));
        counts[0]++;
      }
      if (doc.account() != null) {
        accounts.computeIfAbsent(doc.account(), AccountDoc.Builder::new).add(doc);
      }
    });
    timing("subscriber documents", tDocs);
    // Each account's document is made as its stored features stream past, and its builder dropped: at a million
    // people, the builders and every account's features held together took a fifth of a 512 MB heap, and the
    // collector's time with it. Accounts without stored features yet (no refresh since they appeared) come last.
    new FeatureTables(store).forEachAccount(a -> {
      AccountDoc.Builder b = accounts.remove(a.account());
      if (b != null) {
        account(feeder, b.build(a), create, known, counts);
      }
    });
    for (AccountDoc.Builder b : accounts.values()) {
      account(feeder, b.build(null), create, known, counts);
    }
    return version;
  }

  private static void account(Feeder feeder, AccountDoc doc, boolean create, Known known, int[] counts) {
    Long before = known.accounts.remove(doc.key());
    long fp = doc.fingerprint();
    if (create) {
      feeder.put(null, () -> doc.document(fp));
    } else if (before == null || before != fp) {
      feeder.put(new Term(IndexSchema.KEY, doc.key()), () -> doc.document(fp));
      counts[0]++;
    }
  }

  /** Phase times on stderr with -Dstarling.timing=true (for tuning; off by default), as the feature refresh does. */
  private static void timing(String phase, long since) {
    if (Boolean.getBoolean("starling.timing")) {
      System.err.printf("index: %-24s %6.2f s%n", phase, (System.nanoTime() - since) / 1e9);
    }
  }

  private void put(IndexWriter w, String key, Document doc) {
    try {
      w.updateDocument(new Term(IndexSchema.KEY, key), doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> subjectsOf(int[] campaigns, Map<Integer, String> subjects) {
    if (campaigns.length == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>(campaigns.length);
    for (int c : campaigns) {
      String s = subjects.get(c);
      if (s != null && !out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static void commit(IndexWriter w, String dataVersion) throws IOException {
    w.setLiveCommitData(Map.of(SCHEMA_KEY, String.valueOf(IndexSchema.VERSION), DATA_KEY, dataVersion).entrySet());
    w.commit();
  }

  /**
   * Removes {@code email}'s subscriber document, rewrites their account's document without them (from the
   * store, which should no longer hold them either), and merges away every segment that held a deleted
   * document, so no byte of the address stays in the index files. For {@code forget}.
   *
   * @return whether the index held the address
   */
  public boolean delete(String email) {
    String address = email.strip().toLowerCase(java.util.Locale.ROOT);
    try (IndexWriter w = writer(false)) {
      String account = null;
      boolean found = false;
      try (DirectoryReader r = DirectoryReader.open(w)) {
        IndexSearcher s = new IndexSearcher(r);
        TopDocs td = s.search(new TermQuery(new Term(IndexSchema.KEY, "s:" + address)), 1);
        found = td.scoreDocs.length > 0;
        // Their account is the account document that lists them among its people.
        TopDocs acc = s.search(new TermQuery(new Term("email", address)), 10);
        for (ScoreDoc sd : acc.scoreDocs) {
          String a = accountOf(r, sd.doc);
          account = account == null ? a : account;
        }
      }
      w.deleteDocuments(new Term(IndexSchema.KEY, "s:" + address));
      if (account != null) {
        String acc = account;
        List<SubscriberDoc> people = new ArrayList<>();
        AccountFeatures[] features = new AccountFeatures[1];
        store.read(tx -> {
          SearchSource source = new SearchSource(store);
          source.accountPeople(acc, row -> {
            if (!row.email().equals(address)) {
              people.add(SubscriberDoc.of(row, List.of()));
            }
          });
          new FeatureTables(store).forEachAccount(a -> {
            if (a.account().equals(acc)) {
              features[0] = a;
            }
          });
          return null;
        });
        w.deleteDocuments(new Term(IndexSchema.KEY, "a:" + acc));
        if (!people.isEmpty()) {
          AccountDoc.Builder b = new AccountDoc.Builder(acc);
          people.forEach(b::add);
          AccountDoc doc = b.build(features[0]);
          put(w, doc.key(), doc.document(doc.fingerprint()));
        }
      }
      w.forceMergeDeletes(true);
      String version = w.getLiveCommitData() == null ? "" : liveData(w);
      commit(w, version);
      w.deleteUnusedFiles();
      refreshSearchers();
      return found || account != null;
    } catch (IOException e) {
      throw new IndexException("cannot delete from the search index in " + path + ": " + e.getMessage(), e);
    }
  }

  /** The account of document {@code doc} of {@code r} (an account document: its key without "a:"), or null. */
  private static String accountOf(IndexReader r, int doc) throws IOException {
    LeafReaderContext leaf = r.leaves().get(ReaderUtil.subIndex(doc, r.leaves()));
    SortedSetDocValues dv = leaf.reader().getSortedSetDocValues(IndexSchema.KEY);
    if (dv == null || !dv.advanceExact(doc - leaf.docBase)) {
      return null;
    }
    String key = dv.lookupOrd(dv.nextOrd()).utf8ToString();
    return key.startsWith("a:") ? key.substring(2) : null;
  }

  private static String liveData(IndexWriter w) {
    for (Map.Entry<String, String> e : w.getLiveCommitData()) {
      if (e.getKey().equals(DATA_KEY)) {
        return e.getValue();
      }
    }
    return "";
  }

  private void refreshSearchers() throws IOException {
    if (searchers != null) {
      searchers.maybeRefreshBlocking();
    }
  }

  private void closeSearchers() throws IOException {
    if (searchers != null) {
      searchers.close();
      searchers = null;
    }
    snapshot = null;
  }

  private SearcherManager searchers() throws IOException {
    if (searchers == null) {
      Directory dir = directory();
      if (!DirectoryReader.indexExists(dir)) {
        throw new IndexException("there is no search index in " + path + " (run 'starling reindex')", null);
      }
      searchers = new SearcherManager(dir, null);
    }
    return searchers;
  }

  /**
   * Checks that {@code request}'s query can be read, before any work (a refresh, an index build) is done for it.
   *
   * @throws SearchQueryException naming the column of the problem
   */
  public static void checkQuery(SearchRequest request) {
    try (Analyzer a = IndexSchema.analyzer()) {
      new UserQueryParser(a, request.query(), request.accounts()).parse();
    }
  }

  /** Runs {@code request} against the last commit (call {@link #sync} first to search fresh data). */
  public SearchResult search(SearchRequest request) {
    try {
      SearcherManager sm = searchers();
      IndexSearcher s = sm.acquire();
      try {
        return snapshot(s.getIndexReader()).search(request, analyzer);
      } finally {
        sm.release(s);
      }
    } catch (IOException e) {
      throw new IndexException("cannot search the index in " + path + ": " + e.getMessage(), e);
    }
  }

  /** The snapshot of {@code reader}: kept while searches see that reader, made anew after a refresh. */
  private synchronized Snapshot snapshot(IndexReader reader) {
    if (snapshot == null || snapshot.reader() != reader) {
      snapshot = new Snapshot(reader);
    }
    return snapshot;
  }

  /** Lucene's order for {@code sort}; ties by key, so results are stable. */
  static Sort sort(SearchSort sort) {
    SortField tie = new SortedSetSortField(IndexSchema.KEY, false);
    return switch (sort) {
      case RELEVANCE -> new Sort(SortField.FIELD_SCORE, tie);
      case SCORE -> {
        SortedNumericSortField f = new SortedNumericSortField("score", SortField.Type.DOUBLE, true);
        f.setMissingValue(Double.NEGATIVE_INFINITY);
        yield new Sort(f, tie);
      }
      case RECENT -> {
        SortedNumericSortField f = new SortedNumericSortField("last", SortField.Type.LONG, true);
        f.setMissingValue(Long.MIN_VALUE);
        yield new Sort(f, tie);
      }
    };
  }

  /** Documents, bytes and segments of the last commit. */
  public Stats stats() {
    try {
      Directory dir = directory();
      if (!DirectoryReader.indexExists(dir)) {
        return new Stats(0, 0, 0, 0, null);
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        IndexSearcher s = new IndexSearcher(r);
        long subs = s.count(new TermQuery(new Term(IndexSchema.TYPE, IndexSchema.SUBSCRIBER)));
        long accs = s.count(new TermQuery(new Term(IndexSchema.TYPE, IndexSchema.ACCOUNT)));
        long bytes = 0;
        for (String f : dir.listAll()) {
          try {
            bytes += dir.fileLength(f);
          } catch (IOException e) {
            // a file a concurrent merge just removed
          }
        }
        return new Stats(subs, accs, bytes, r.leaves().size(), r.getIndexCommit().getUserData().get(DATA_KEY));
      }
    } catch (IOException e) {
      throw new IndexException("cannot read the search index in " + path + ": " + e.getMessage(), e);
    }
  }

  /** Every live document's key and fingerprint in the last commit: what the tests compare two indexes by. */
  java.util.SortedMap<String, Long> fingerprints() {
    java.util.SortedMap<String, Long> out = new java.util.TreeMap<>();
    try (DirectoryReader r = DirectoryReader.open(directory())) {
      for (LeafReaderContext leaf : r.leaves()) {
        LeafReader lr = leaf.reader();
        Bits live = lr.getLiveDocs();
        NumericDocValues fp = lr.getNumericDocValues(IndexSchema.FINGERPRINT);
        SortedSetDocValues key = lr.getSortedSetDocValues(IndexSchema.KEY);
        for (int doc = 0; doc < lr.maxDoc(); doc++) {
          if ((live == null || live.get(doc)) && fp.advanceExact(doc) && key.advanceExact(doc)) {
            out.put(key.lookupOrd(key.nextOrd()).utf8ToString(), fp.longValue());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The directory of the index files (for tests and the privacy check, which scan their bytes). */
  public Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      closeSearchers();
      if (directory != null) {
        directory.close();
      }
      analyzer.close();
    } catch (IOException e) {
      throw new IndexException("cannot close the search index in " + path + ": " + e.getMessage(), e);
    }
  }
}
