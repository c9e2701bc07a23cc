package org.kuroshio.taxii.server;

import org.jspecify.annotations.Nullable;

/**
 * What the TAXII server advertises and the limits it enforces.
 *
 * @param title the discovery title
 * @param description the discovery and API root description, or null
 * @param contact the discovery contact, or null
 * @param apiRootPath the single API root's path segment, such as {@code api}
 * @param apiRootTitle the API root's title
 * @param maxContentLength largest POST body in bytes, advertised in the API root (413 beyond)
 * @param maxPageSize most objects one page returns; larger {@code limit} values are lowered
 * @param maxObjectsPerRequest most objects one POST envelope may hold (413 beyond)
 * @param maxNestingDepth deepest JSON nesting accepted in a POST body (400 beyond)
 * @param maxStringLength longest JSON string accepted in a POST body, in characters (413 beyond)
 * @param publicUrl the URL clients reach the server at, such as {@code https://taxii.example.org}
 *     (no trailing slash), used for the URLs discovery lists; null to build them from the
 *     request's scheme and {@code Host} header
 */
public record TaxiiSettings(
    String title,
    @Nullable String description,
    @Nullable String contact,
    String apiRootPath,
    String apiRootTitle,
    long maxContentLength,
    int maxPageSize,
    int maxObjectsPerRequest,
    int maxNestingDepth,
    int maxStringLength,
    @Nullable String publicUrl) {

  public TaxiiSettings {
    if (title.isBlank() || apiRootTitle.isBlank()) {
      throw new IllegalArgumentException("TAXII titles must not be blank");
    }
    if (!apiRootPath.matches("[A-Za-z0-9._~-]+") || apiRootPath.equals("taxii2")) {
      throw new IllegalArgumentException(
          "API root path must be one URL path segment other than taxii2: " + apiRootPath);
    }
    if (maxContentLength < 1024 || maxPageSize < 1 || maxObjectsPerRequest < 1
        || maxNestingDepth < 4 || maxStringLength < 1024) {
      throw new IllegalArgumentException("TAXII limits are too small: " + limits());
    }
    if (publicUrl != null) {
      publicUrl = checkPublicUrl(publicUrl);
    }
  }

  /** Settings without a public URL (discovery URLs follow the request's Host header). */
  public TaxiiSettings(String title, @Nullable String description, @Nullable String contact,
      String apiRootPath, String apiRootTitle, long maxContentLength, int maxPageSize,
      int maxObjectsPerRequest, int maxNestingDepth, int maxStringLength) {
    this(title, description, contact, apiRootPath, apiRootTitle, maxContentLength, maxPageSize,
        maxObjectsPerRequest, maxNestingDepth, maxStringLength, null);
  }

  /**
   * Checks a public URL and returns it without a trailing slash.
   *
   * @throws IllegalArgumentException unless it is an absolute http or https URL with a host and
   *     no query or fragment
   */
  public static String checkPublicUrl(String url) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("public URL is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "public URL must be an absolute http or https URL with a host, such as"
              + " https://taxii.example.org: " + url);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("public URL must not have a query or fragment: " + url);
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  /**
   * Returns the defaults: root {@code api}, bodies up to 32 MiB, pages of at most 1,000, 10,000
   * objects per POST, nesting depth 64, strings up to 10,000,000 characters.
   */
  public static TaxiiSettings defaults() {
    return new TaxiiSettings("Kuroshio TAXII 2.1", "A Kuroshio intelligence sharing node", null,
        "api", "Kuroshio API root", 32L * 1024 * 1024, 1000, 10_000, 64, 10_000_000);
  }

  /** Returns a copy with another title and description. */
  public TaxiiSettings withTitle(String newTitle, @Nullable String newDescription) {
    return new TaxiiSettings(newTitle, newDescription, contact, apiRootPath, apiRootTitle,
        maxContentLength, maxPageSize, maxObjectsPerRequest, maxNestingDepth, maxStringLength,
        publicUrl);
  }

  /** Returns a copy with another API root path segment. */
  public TaxiiSettings withApiRootPath(String path) {
    return new TaxiiSettings(title, description, contact, path, apiRootTitle,
        maxContentLength, maxPageSize, maxObjectsPerRequest, maxNestingDepth, maxStringLength,
        publicUrl);
  }

  /** Returns a copy with another maximum POST body size. */
  public TaxiiSettings withMaxContentLength(long bytes) {
    return new TaxiiSettings(title, description, contact, apiRootPath, apiRootTitle,
        bytes, maxPageSize, maxObjectsPerRequest, maxNestingDepth, maxStringLength, publicUrl);
  }

  /** Returns a copy with another maximum page size. */
  public TaxiiSettings withMaxPageSize(int size) {
    return new TaxiiSettings(title, description, contact, apiRootPath, apiRootTitle,
        maxContentLength, size, maxObjectsPerRequest, maxNestingDepth, maxStringLength, publicUrl);
  }

  /** Returns a copy whose discovery URLs start with {@code url} (null: follow the request). */
  public TaxiiSettings withPublicUrl(@Nullable String url) {
    return new TaxiiSettings(title, description, contact, apiRootPath, apiRootTitle,
        maxContentLength, maxPageSize, maxObjectsPerRequest, maxNestingDepth, maxStringLength,
        url);
  }

  private String limits() {
    return "maxContentLength=" + maxContentLength + " maxPageSize=" + maxPageSize
        + " maxObjectsPerRequest=" + maxObjectsPerRequest + " maxNestingDepth=" + maxNestingDepth
        + " maxStringLength=" + maxStringLength;
  }
}
