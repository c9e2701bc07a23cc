package org.kuroshio.taxii.federation;

import java.time.Duration;

/**
 * The bounds of federation: how much one pass may fetch and send, how long it may take, how
 * patient the node is with a peer and how it backs off from one that fails. Build with
 * {@link #builder()}; {@link #defaults()} suits a production node.
 *
 * @param pageSize objects asked for per GET and read per push page, 1 to 10,000 (default 1,000)
 * @param maxPagesPerPass pages one pass handles before it yields to the next (default 100); the
 *     rest follows at the next tick, from the saved cursor
 * @param maxPassTime how long one pass may run before it stops after the current page (default
 *     10 minutes)
 * @param connectTimeout the TCP connect timeout to a peer (default 10 seconds)
 * @param requestTimeout the whole-request timeout to a peer (default 60 seconds)
 * @param maxResponseBytes the largest answer read from a peer (default 64 MiB)
 * @param pushBatch most objects per POST envelope (default 500)
 * @param maxPushBytes most bytes per POST envelope, lowered further to the peer's advertised
 *     {@code max_content_length} (default 16 MiB)
 * @param maxBackoff the longest wait after repeated failures (default 1 hour)
 * @param tick how often the scheduler looks for due links (default 1 second)
 * @param maxConcurrentPeers peers exchanged with at the same time (default 4)
 */
public record FederationSettings(
    int pageSize,
    int maxPagesPerPass,
    Duration maxPassTime,
    Duration connectTimeout,
    Duration requestTimeout,
    long maxResponseBytes,
    int pushBatch,
    long maxPushBytes,
    Duration maxBackoff,
    Duration tick,
    int maxConcurrentPeers) {

  /** Largest page size. */
  public static final int MAX_PAGE_SIZE = 10_000;

  private static final FederationSettings DEFAULTS = new Builder().build();

  public FederationSettings {
    require(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE,
        "federation pageSize must be 1 to " + MAX_PAGE_SIZE + ": " + pageSize);
    require(maxPagesPerPass >= 1, "federation maxPagesPerPass must be positive");
    positive(maxPassTime, "maxPassTime");
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    require(maxResponseBytes >= 1024, "federation maxResponseBytes must be at least 1024");
    require(pushBatch >= 1 && pushBatch <= MAX_PAGE_SIZE,
        "federation pushBatch must be 1 to " + MAX_PAGE_SIZE + ": " + pushBatch);
    require(maxPushBytes >= 1024, "federation maxPushBytes must be at least 1024");
    positive(maxBackoff, "maxBackoff");
    positive(tick, "tick");
    require(maxConcurrentPeers >= 1, "federation maxConcurrentPeers must be positive");
  }

  /** Returns the default settings. */
  public static FederationSettings defaults() {
    return DEFAULTS;
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pageSize = pageSize;
    b.maxPagesPerPass = maxPagesPerPass;
    b.maxPassTime = maxPassTime;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.maxResponseBytes = maxResponseBytes;
    b.pushBatch = pushBatch;
    b.maxPushBytes = maxPushBytes;
    b.maxBackoff = maxBackoff;
    b.tick = tick;
    b.maxConcurrentPeers = maxConcurrentPeers;
    return b;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void positive(Duration d, String name) {
    require(!d.isNegative() && !d.isZero(), "federation " + name + " must be positive: " + d);
  }

  /** Builds {@link FederationSettings}; unset values keep their defaults. */
  public static final class Builder {
    private int pageSize = 1_000;
    private int maxPagesPerPass = 100;
    private Duration maxPassTime = Duration.ofMinutes(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private long maxResponseBytes = 64L * 1024 * 1024;
    private int pushBatch = 500;
    private long maxPushBytes = 16L * 1024 * 1024;
    private Duration maxBackoff = Duration.ofHours(1);
    private Duration tick = Duration.ofSeconds(1);
    private int maxConcurrentPeers = 4;

    private Builder() {}

    /** Sets the objects per page. */
    public Builder pageSize(int n) {
      this.pageSize = n;
      return this;
    }

    /** Sets the pages one pass handles at most. */
    public Builder maxPagesPerPass(int n) {
      this.maxPagesPerPass = n;
      return this;
    }

    /** Sets how long one pass may run. */
    public Builder maxPassTime(Duration d) {
      this.maxPassTime = d;
      return this;
    }

    /** Sets the connect timeout. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** Sets the whole-request timeout. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    /** Sets the largest answer read. */
    public Builder maxResponseBytes(long bytes) {
      this.maxResponseBytes = bytes;
      return this;
    }

    /** Sets the most objects per POST. */
    public Builder pushBatch(int n) {
      this.pushBatch = n;
      return this;
    }

    /** Sets the most bytes per POST. */
    public Builder maxPushBytes(long bytes) {
      this.maxPushBytes = bytes;
      return this;
    }

    /** Sets the longest backoff. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = d;
      return this;
    }

    /** Sets the scheduler's tick. */
    public Builder tick(Duration d) {
      this.tick = d;
      return this;
    }

    /** Sets how many peers are exchanged with at once. */
    public Builder maxConcurrentPeers(int n) {
      this.maxConcurrentPeers = n;
      return this;
    }

    /** Returns the settings. */
    public FederationSettings build() {
      return new FederationSettings(pageSize, maxPagesPerPass, maxPassTime, connectTimeout,
          requestTimeout, maxResponseBytes, pushBatch, maxPushBytes, maxBackoff, tick,
          maxConcurrentPeers);
    }
  }
}
