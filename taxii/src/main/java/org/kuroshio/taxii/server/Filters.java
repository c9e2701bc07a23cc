package org.kuroshio.taxii.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.VersionMatch;

/**
 * The TAXII query parameters of one request, checked: {@code added_after}, {@code limit},
 * {@code next}, {@code match[id|type|version|spec_version]}. Bad values throw a 400.
 */
final class Filters {
  static final int MAX_VALUES = 1000;
  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,249}");
  private static final Pattern ID =
      Pattern.compile("[a-z0-9][a-z0-9-]{1,249}--[0-9a-fA-F-]{36}");
  private static final Pattern SPEC_VERSION = Pattern.compile("\\d{1,3}\\.\\d{1,3}");

  final @Nullable Instant addedAfter;
  final int limit;
  final @Nullable String next;
  final Set<String> ids;
  final Set<String> types;
  final VersionMatch versions;
  final Set<String> specVersions;

  private Filters(Map<String, List<String>> params, int maxPageSize, VersionMatch defaultVersions) {
    addedAfter = parseAddedAfter(single(params, "added_after"));
    limit = parseLimit(single(params, "limit"), maxPageSize);
    next = single(params, "next");
    ids = values(params, "match[id]", ID, "a STIX id such as indicator--<uuid>");
    types = values(params, "match[type]", TYPE, "a STIX type such as indicator");
    specVersions = values(params, "match[spec_version]", SPEC_VERSION, "a version such as 2.1");
    String v = single(params, "match[version]");
    versions = v == null ? defaultVersions : parseVersions(v);
  }

  /** Reads the filters; {@code match[version]} defaults to {@code last}. */
  static Filters parse(Map<String, List<String>> params, int maxPageSize) {
    return new Filters(params, maxPageSize, VersionMatch.LAST);
  }

  /** Reads the filters with every version selected unless the request narrows it. */
  static Filters parseAllVersions(Map<String, List<String>> params, int maxPageSize) {
    return new Filters(params, maxPageSize, VersionMatch.ALL);
  }

  /** Returns the store query; {@code ids} overrides {@code match[id]} when not null. */
  ObjectQuery query(@Nullable Set<String> onlyIds, boolean withBody, @Nullable String cursor) {
    return new ObjectQuery(addedAfter, onlyIds != null ? onlyIds : ids, types, versions,
        specVersions, limit, cursor, withBody);
  }

  /** Returns a canonical text of everything but {@code limit} and {@code next}. */
  String scope(String endpoint) {
    return endpoint + "|" + addedAfter + "|" + new TreeSet<>(ids) + "|" + new TreeSet<>(types)
        + "|" + versions.first() + versions.last() + versions.all() + new TreeSet<>(
            versions.exact()) + "|" + new TreeSet<>(specVersions);
  }

  private static @Nullable String single(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.size() > 1) {
      // Repeated parameters are read as one comma list (match[type]=a&match[type]=b).
      if (name.startsWith("match[")) {
        return String.join(",", v);
      }
      throw HttpFailure.badRequest("parameter " + name + " given more than once");
    }
    return v.get(0);
  }

  private static @Nullable Instant parseAddedAfter(@Nullable String text) {
    if (text == null) {
      return null;
    }
    return Timestamps.tryParse(text.strip()).orElseThrow(() -> HttpFailure.badRequest(
        "added_after is not a timestamp (RFC 3339, UTC, such as 2024-01-31T12:00:00.000Z): "
            + abbreviate(text)));
  }

  private static int parseLimit(@Nullable String text, int maxPageSize) {
    if (text == null) {
      return maxPageSize;
    }
    long n;
    try {
      n = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw HttpFailure.badRequest("limit is not an integer: " + abbreviate(text));
    }
    if (n < 1) {
      throw HttpFailure.badRequest("limit must be a positive integer: " + n);
    }
    return (int) Math.min(n, maxPageSize);
  }

  private static Set<String> values(
      Map<String, List<String>> params, String name, Pattern pattern, String expected) {
    String text = single(params, name);
    if (text == null) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (String raw : text.split(",", -1)) {
      String v = raw.strip();
      if (!pattern.matcher(v).matches()) {
        throw HttpFailure.badRequest(name + " value is not " + expected + ": " + abbreviate(v));
      }
      out.add(v);
    }
    if (out.size() > MAX_VALUES) {
      throw HttpFailure.badRequest(name + " has more than " + MAX_VALUES + " values");
    }
    return out;
  }

  private static VersionMatch parseVersions(String text) {
    boolean first = false;
    boolean last = false;
    boolean all = false;
    List<Instant> exact = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String v = raw.strip();
      switch (v) {
        case "first" -> first = true;
        case "last" -> last = true;
        case "all" -> all = true;
        default -> exact.add(Timestamps.tryParse(v).orElseThrow(() -> HttpFailure.badRequest(
            "match[version] value is not first, last, all or a timestamp: " + abbreviate(v))));
      }
    }
    if (exact.size() > MAX_VALUES) {
      throw HttpFailure.badRequest("match[version] has more than " + MAX_VALUES + " values");
    }
    return new VersionMatch(first, last, all, Set.copyOf(exact));
  }

  static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }
}
