package dev.starling.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The replay's rows in blocks of primitive arrays, as {@link EventHistory.CampaignScan} reads them:
 * on the caller's thread, one block reused, or ahead of the caller on a thread of their own
 * ({@link Ahead}), through a fixed pool of blocks handed back and forth. The pool bounds the memory
 * (a few MB) whatever the size of a campaign, and reusing the same arrays touches no new memory once
 * the pool is full (touching new memory is what costs on a virtual machine).
 */
final class RowBlocks {
  static final int MESSAGES = 0;
  static final int EVENTS = 1;
  /** Rows per block: big enough that a hand-over between threads costs nothing beside its rows. */
  static final int ROWS = 4096;
  /** Blocks in the pool: how far the reader may run ahead of the replay. */
  static final int POOL = 16;

  /** {@link Block#bits} of an event: the type code, Apple's address range, the provider's verdict. */
  static final int TYPE_MASK = 0x0f;
  static final int APPLE = 0x10;
  static final int FLAG_GIVEN = 0x20;
  static final int FLAG_MACHINE = 0x40;
  /** An event's agent id comes multiplied by this, above its bits. */
  static final long AGENT_SHIFT = 0x80;

  private RowBlocks() {}

  /**
   * Rows of one part (messages or events) of one campaign; the part's last block says so (it may be
   * empty). A message row keeps its coded subscriber (see the messages query) and its time
   * ({@code Long.MIN_VALUE} when none); an event row its subscriber, time, agent, bits and URL.
   */
  static final class Block {
    int part;
    int campaign;
    boolean last;
    int size;
    final int[] subscriber;
    final long[] time;
    final int[] agent;
    final byte[] bits;
    final String[] url;
    /** Set instead of rows when the reader failed: the replay rethrows it. */
    SQLException failure;
    RuntimeException crash;

    Block(int rows) {
      subscriber = new int[rows];
      time = new long[rows];
      agent = new int[rows];
      bits = new byte[rows];
      url = new String[rows];
    }

    void start(int part, int campaign) {
      this.part = part;
      this.campaign = campaign;
      this.last = false;
      this.size = 0;
    }
  }

  @FunctionalInterface
  interface BlockSink {
    void accept(Block b) throws InterruptedException;
  }

  @FunctionalInterface
  interface BlockSource {
    Block take() throws InterruptedException;
  }

  /** The two prepared scans, and the loop that turns their rows into blocks. */
  static final class Reader implements AutoCloseable {
    private final PreparedStatement messages;
    private final PreparedStatement events;
    private final int rows;
    private final Block own;

    /** @param rows rows per block ({@link #ROWS}; tests use small blocks to have many) */
    Reader(PreparedStatement messages, PreparedStatement events, int rows) {
      this.messages = messages;
      this.events = events;
      this.rows = rows;
      this.own = new Block(rows);
    }

    /** Reads the part on the caller's thread into one reused block, handing it over each time it fills. */
    void read(int part, int campaign, BlockSink sink) throws SQLException, InterruptedException {
      read(part, campaign, () -> own, sink);
    }

    /** Reads the part into blocks taken from {@code source}, handing each over when full and the last one at the end. */
    void read(int part, int campaign, BlockSource source, BlockSink sink) throws SQLException, InterruptedException {
      Block b = source.take();
      b.start(part, campaign);
      if (part == MESSAGES) {
        messages.setInt(1, EventHistory.HARD_BOUNCE);
        messages.setLong(2, Long.MIN_VALUE);
        messages.setInt(3, campaign);
        messages.setInt(4, EventHistory.HARD_BOUNCE);
        messages.setInt(5, EventHistory.NO_BOUNCE);
        try (ResultSet rs = messages.executeQuery()) {
          while (rs.next()) {
            b = room(b, part, campaign, source, sink);
            int i = b.size++;
            b.subscriber[i] = rs.getInt(1);
            b.time[i] = rs.getLong(2);
          }
        }
      } else {
        events.setInt(1, OPEN);
        events.setInt(2, CLICK);
        events.setLong(3, AGENT_SHIFT);
        events.setInt(4, APPLE);
        events.setInt(5, FLAG_GIVEN | FLAG_MACHINE);
        events.setInt(6, FLAG_GIVEN);
        events.setInt(7, campaign);
        try (ResultSet rs = events.executeQuery()) {
          while (rs.next()) {
            b = room(b, part, campaign, source, sink);
            int i = b.size++;
            b.subscriber[i] = rs.getInt(1);
            b.time[i] = rs.getLong(2);
            long packed = rs.getLong(3);
            int bits = (int) (packed % AGENT_SHIFT);
            b.bits[i] = (byte) bits;
            b.agent[i] = (int) (packed / AGENT_SHIFT);
            b.url[i] = (bits & TYPE_MASK) == CLICK ? rs.getString(4) : null;
          }
        }
      }
      b.last = true;
      sink.accept(b);
    }

    /** {@code b} while it has room for a row, else a fresh block after {@code b} is handed over. */
    private Block room(Block b, int part, int campaign, BlockSource source, BlockSink sink) throws InterruptedException {
      if (b.size < rows) {
        return b;
      }
      sink.accept(b);
      Block next = source.take();
      next.start(part, campaign);
      return next;
    }

    private static final int OPEN = dev.starling.connectors.EventType.OPEN.code();
    private static final int CLICK = dev.starling.connectors.EventType.CLICK.code();

    @Override
    public void close() throws SQLException {
      try (messages; events) {
        // both closed, the second even when the first fails
      }
    }
  }

  /**
   * The reader's thread and the two queues between it and the replay: empty blocks go to the reader,
   * filled ones come back in reading order. The reader blocks only on an empty pool, so stopping it is
   * an interrupt and a join.
   */
  static final class Ahead {
    private final BlockingQueue<Block> free;
    private final BlockingQueue<Block> full;
    private final Thread thread;
    private volatile boolean stopped;
    private final int rows;

    private final Reader reader;

    private Ahead(Reader reader, List<Integer> campaigns, int pool, boolean messages, boolean events) {
      this.reader = reader;
      free = new ArrayBlockingQueue<>(pool);
      full = new ArrayBlockingQueue<>(pool + 1); // + the one a failure may add
      for (int i = 0; i < pool; i++) {
        free.add(new Block(reader.rows));
      }
      List<int[]> steps = new ArrayList<>();
      for (int c : campaigns) {
        if (c != 0 && messages) {
          steps.add(new int[] {MESSAGES, c});
        }
        if (events) {
          steps.add(new int[] {EVENTS, c});
        }
      }
      thread = new Thread(() -> run(reader, steps), "starling-replay-reader" + (messages && events ? "" : messages ? "-messages" : "-events"));
      this.rows = reader.rows;
      thread.setDaemon(true);
    }

    /**
     * @param pool blocks in the pool ({@link #POOL})
     * @param messages whether this reader reads the campaigns' messages
     * @param events whether it reads their events
     */
    static Ahead start(Reader reader, List<Integer> campaigns, int pool, boolean messages, boolean events) {
      Ahead a = new Ahead(reader, campaigns, pool, messages, events);
      a.thread.start();
      return a;
    }

    private void run(Reader reader, List<int[]> steps) {
      try {
        for (int[] step : steps) {
          if (stopped) {
            return;
          }
          reader.read(step[0], step[1], free::take, full::add);
        }
        if (Boolean.getBoolean("starling.timing")) { // for tuning, as the refresh's own phase times
          System.err.printf("refresh: %s's CPU %.2f s%n", Thread.currentThread().getName(),
              java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9);
        }
      } catch (InterruptedException e) {
        // stopped by the replay
      } catch (SQLException | RuntimeException e) {
        Block b = free.poll();
        if (b == null) {
          b = new Block(rows); // the pool is all queued: one more block carries the failure
        }
        if (e instanceof SQLException sql) {
          b.failure = sql;
        } else {
          b.crash = (RuntimeException) e;
        }
        full.add(b);
      }
    }

    /** The next block, which must belong to {@code part} of {@code campaign} (the order given at the start). */
    Block next(int part, int campaign) throws SQLException, InterruptedException {
      Block b = full.take();
      if (b.failure != null) {
        throw b.failure;
      }
      if (b.crash != null) {
        throw b.crash;
      }
      if (b.part != part || b.campaign != campaign) {
        throw new IllegalStateException("the replay asked for " + (part == MESSAGES ? "messages" : "events") + " of campaign "
            + campaign + " but the reader read ahead " + (b.part == MESSAGES ? "messages" : "events") + " of campaign " + b.campaign);
      }
      return b;
    }

    /** The reader's scans (closed by the owner after {@link #stop}). */
    Reader reader() {
      return reader;
    }

    void recycle(Block b) {
      free.add(b);
    }

    /** Stops the reader and waits for it (its statements are closed after this). */
    void stop() {
      stopped = true;
      thread.interrupt();
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
