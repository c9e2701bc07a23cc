package org.kuroshio.taxii;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Timestamps;

/**
 * The query parameters of TAXII object, manifest and versions requests. Build with
 * {@link #none()} and the {@code with...} methods; each list is sent as one comma-separated
 * {@code match[...]} value (ORed), different filters are ANDed by the server.
 *
 * @param addedAfter {@code added_after}, or null
 * @param limit {@code limit}, or null for the server's default
 * @param next {@code next} from the previous page, or null
 * @param ids {@code match[id]}
 * @param types {@code match[type]}
 * @param versions {@code match[version]}: {@code first}, {@code last}, {@code all} or timestamps
 * @param specVersions {@code match[spec_version]}
 */
public record TaxiiFilter(
    @Nullable Instant addedAfter,
    @Nullable Integer limit,
    @Nullable String next,
    List<String> ids,
    List<String> types,
    List<String> versions,
    List<String> specVersions) {

  private static final TaxiiFilter NONE =
      new TaxiiFilter(null, null, null, List.of(), List.of(), List.of(), List.of());

  public TaxiiFilter {
    ids = List.copyOf(ids);
    types = List.copyOf(types);
    versions = List.copyOf(versions);
    specVersions = List.copyOf(specVersions);
  }

  /** Returns the empty filter: the server's defaults. */
  public static TaxiiFilter none() {
    return NONE;
  }

  /** Returns a copy with {@code added_after}. */
  public TaxiiFilter withAddedAfter(@Nullable Instant after) {
    return new TaxiiFilter(after, limit, next, ids, types, versions, specVersions);
  }

  /** Returns a copy with {@code limit}. */
  public TaxiiFilter withLimit(@Nullable Integer n) {
    return new TaxiiFilter(addedAfter, n, next, ids, types, versions, specVersions);
  }

  /** Returns a copy with {@code next}. */
  public TaxiiFilter withNext(@Nullable String cursor) {
    return new TaxiiFilter(addedAfter, limit, cursor, ids, types, versions, specVersions);
  }

  /** Returns a copy with {@code match[id]}. */
  public TaxiiFilter withIds(String... values) {
    return new TaxiiFilter(addedAfter, limit, next, List.of(values), types, versions,
        specVersions);
  }

  /** Returns a copy with {@code match[type]}. */
  public TaxiiFilter withTypes(String... values) {
    return new TaxiiFilter(addedAfter, limit, next, ids, List.of(values), versions,
        specVersions);
  }

  /** Returns a copy with {@code match[version]}. */
  public TaxiiFilter withVersions(String... values) {
    return new TaxiiFilter(addedAfter, limit, next, ids, types, List.of(values), specVersions);
  }

  /** Returns a copy with {@code match[spec_version]}. */
  public TaxiiFilter withSpecVersions(String... values) {
    return new TaxiiFilter(addedAfter, limit, next, ids, types, versions, List.of(values));
  }

  /** Returns the URL query string, without {@code ?} (empty when no filter is set). */
  public String toQueryString() {
    List<String> parts = new ArrayList<>();
    if (addedAfter != null) {
      parts.add("added_after=" + enc(Timestamps.formatMicros(addedAfter)));
    }
    if (limit != null) {
      parts.add("limit=" + limit);
    }
    if (next != null) {
      parts.add("next=" + enc(next));
    }
    add(parts, "match[id]", ids);
    add(parts, "match[type]", types);
    add(parts, "match[version]", versions);
    add(parts, "match[spec_version]", specVersions);
    return String.join("&", parts);
  }

  private static void add(List<String> parts, String name, List<String> values) {
    if (!values.isEmpty()) {
      parts.add(enc(name) + "=" + enc(String.join(",", values)));
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
