package org.kuroshio.maritime.feed;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where an {@link AisInput} reads from, parsed from a spec string.
 *
 * <ul>
 *   <li>{@code PATH} or {@code file:PATH} (also {@code file:///abs/path}): a recording, plain or
 *       gzip (told apart by the magic bytes, not the name).
 *   <li>{@code tcp://HOST:PORT}: TCP client; connects, reconnects with capped backoff.
 *   <li>{@code tcp://:PORT}, {@code tcp://HOST:PORT?listen}: TCP server on PORT (bound to HOST
 *       when given, else to every interface); accepts many senders.
 *   <li>{@code udp://:PORT}, {@code udp://HOST:PORT}: receive datagrams on PORT (bound to HOST
 *       when given); a datagram may hold several lines.
 * </ul>
 *
 * <p>HOST is a name, an IPv4 address or a bracketed IPv6 address ({@code [::1]}); PORT is 0-65535
 * (0 = any free port, for servers only). The only query is {@code ?listen}, for TCP.
 *
 * @param kind what to open
 * @param host the host to connect to or bind to; null binds every interface
 * @param port the port, or -1 for files
 * @param file the recording, or null for network inputs
 */
public record FeedSpec(Kind kind, @Nullable String host, int port, @Nullable Path file) {

  /** The kinds of input. */
  public enum Kind {
    /** A recording, plain or gzip. */
    FILE,
    /** A TCP client. */
    TCP_CLIENT,
    /** A TCP server. */
    TCP_SERVER,
    /** A UDP receiver. */
    UDP
  }

  /** Checks the fields. */
  public FeedSpec {
    if ((kind == Kind.FILE) != (file != null)) {
      throw new IllegalArgumentException("a file spec needs a path and only a file spec has one");
    }
    if (kind != Kind.FILE && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("port out of range 0-65535: " + port);
    }
    if (kind == Kind.TCP_CLIENT && (host == null || port == 0)) {
      throw new IllegalArgumentException("a TCP client needs a host and a port other than 0");
    }
  }

  /**
   * Parses a spec (see the class comment).
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static FeedSpec parse(String spec) {
    String s = spec.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty input spec");
    }
    int scheme = s.indexOf("://");
    if (scheme < 0 && s.startsWith("file:")) {
      return file(s.substring(5), spec);
    }
    if (scheme < 0) {
      return file(s, spec);
    }
    String name = s.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
    String rest = s.substring(scheme + 3);
    switch (name) {
      case "file":
        return file(rest, spec);
      case "tcp":
      case "udp":
        break;
      default:
        throw new IllegalArgumentException(
            "unknown scheme '" + name + "' in input spec '" + spec + "' (file, tcp or udp)");
    }
    boolean listen = false;
    int q = rest.indexOf('?');
    if (q >= 0) {
      String query = rest.substring(q + 1);
      rest = rest.substring(0, q);
      if (!query.equals("listen") || name.equals("udp")) {
        throw new IllegalArgumentException("unknown query '" + query + "' in input spec '" + spec
            + "' (only tcp://...?listen)");
      }
      listen = true;
    }
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int colon = rest.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("no port in input spec '" + spec + "'");
    }
    String host = rest.substring(0, colon);
    if (host.startsWith("[")) {
      if (!host.endsWith("]") || host.length() < 3) {
        throw new IllegalArgumentException("bad IPv6 host in input spec '" + spec + "'");
      }
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0 || host.indexOf('/') >= 0 || host.indexOf('@') >= 0) {
      throw new IllegalArgumentException("bad host '" + host + "' in input spec '" + spec
          + "' (bracket IPv6 addresses: [::1]:port)");
    }
    int port = port(rest.substring(colon + 1), spec);
    @Nullable String h = host.isEmpty() ? null : host;
    if (name.equals("udp")) {
      return new FeedSpec(Kind.UDP, h, port, null);
    }
    if (listen || h == null) {
      return new FeedSpec(Kind.TCP_SERVER, h, port, null);
    }
    if (port == 0) {
      throw new IllegalArgumentException(
          "a TCP client needs a port other than 0 in input spec '" + spec + "'");
    }
    return new FeedSpec(Kind.TCP_CLIENT, h, port, null);
  }

  private static FeedSpec file(String path, String spec) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("no path in input spec '" + spec + "'");
    }
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("NUL in path of input spec");
    }
    try {
      return new FeedSpec(Kind.FILE, null, -1, Path.of(path));
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("bad path in input spec '" + spec + "': "
          + e.getMessage(), e);
    }
  }

  private static int port(String p, String spec) {
    if (p.isEmpty() || p.length() > 5) {
      throw new IllegalArgumentException("bad port '" + p + "' in input spec '" + spec + "'");
    }
    int v = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("bad port '" + p + "' in input spec '" + spec + "'");
      }
      v = v * 10 + (c - '0');
    }
    if (v > 65535) {
      throw new IllegalArgumentException(
          "port out of range 0-65535 in input spec '" + spec + "'");
    }
    return v;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case FILE -> String.valueOf(file);
      case TCP_CLIENT -> "tcp://" + hostText() + ":" + port;
      case TCP_SERVER -> "tcp://" + hostText() + ":" + port + "?listen";
      case UDP -> "udp://" + hostText() + ":" + port;
    };
  }

  private String hostText() {
    return host == null ? "" : host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
