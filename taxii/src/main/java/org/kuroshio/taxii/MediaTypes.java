package org.kuroshio.taxii;

import java.util.Locale;

/** The TAXII and STIX media types, and the rule that decides whether a header names TAXII 2.1. */
public final class MediaTypes {
  /** Every TAXII 2.1 resource, including errors. */
  public static final String TAXII_21 = "application/taxii+json;version=2.1";
  /** TAXII without a version: the server's latest, which is 2.1. */
  public static final String TAXII = "application/taxii+json";
  /** STIX 2.1 content. */
  public static final String STIX_21 = "application/stix+json;version=2.1";

  private MediaTypes() {}

  /**
   * Returns whether one media range names TAXII 2.1: {@code application/taxii+json} with no
   * parameter or {@code version=2.1} (case-insensitive names, spaces ignored, a {@code q}
   * parameter tolerated).
   */
  public static boolean isTaxii21(String mediaRange) {
    String[] parts = mediaRange.split(";");
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(TAXII)) {
      return false;
    }
    boolean versionOk = true;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
      if (p.startsWith("version=")) {
        String v = p.substring("version=".length());
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        versionOk = v.equals("2.1");
      } else if (!p.startsWith("q=") && !p.startsWith("charset=") && !p.isEmpty()) {
        return false;
      }
    }
    return versionOk;
  }

  /** Returns whether an {@code Accept} header (comma-separated ranges) admits TAXII 2.1. */
  public static boolean acceptsTaxii21(String accept) {
    for (String range : accept.split(",")) {
      if (isTaxii21(range)) {
        return true;
      }
    }
    return false;
  }
}
