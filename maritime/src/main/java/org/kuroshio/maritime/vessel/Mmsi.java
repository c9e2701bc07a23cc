package org.kuroshio.maritime.vessel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * MMSI structure (ITU-R M.585 as summarised by gpsd's "MID formats"): the kind of station an MMSI
 * names, its maritime identification digits (MID) and the flag they stand for.
 *
 * <p>An MMSI is read as nine decimal digits with leading zeros. The formats, checked in this
 * order: {@code 970xxxxxx} AIS-SART, {@code 972xxxxxx} MOB device, {@code 974xxxxxx} EPIRB-AIS
 * (these three carry no MID: {@link #mid} is -1), {@code 99MIDxxxx} aid to navigation,
 * {@code 98MIDxxxx} craft associated with a parent ship, {@code 111MIDxxx} SAR aircraft,
 * {@code 8MIDxxxxx} diver's radio, {@code 00MIDxxxx} coast station, {@code 0MIDxxxxx} group of
 * ships and {@code MIDxxxxxx} ship station. A format that carries a MID is only recognised when
 * the MID is in the ITU range 201-775; anything else (for example {@code 100xxxxxx},
 * {@code 800xxxxxx}, {@code 976xxxxxx}, negative or ten-digit values) is {@link Kind#INVALID}.
 * {@link #hasValidMid} is stricter: the MID must also be allocated to a country in the table.
 *
 * <p>The MID table ships as the resource {@code mid.tsv} beside this class (facts from ITU's MID
 * allocation). Some US vessels send 8-digit MMSIs without their leading 3 (669xxxxx); they read
 * as groups with MID 669 and are not repaired here.
 */
public final class Mmsi {
  /** What kind of station an MMSI names. */
  public enum Kind {
    /** {@code MIDxxxxxx}: ship station. */
    SHIP,
    /** {@code 0MIDxxxxx}: group of ships. */
    GROUP,
    /** {@code 00MIDxxxx}: coast station. */
    COAST_STATION,
    /** {@code 111MIDxxx}: SAR aircraft. */
    SAR_AIRCRAFT,
    /** {@code 99MIDxxxx}: aid to navigation. */
    AID_TO_NAVIGATION,
    /** {@code 98MIDxxxx}: craft associated with a parent ship. */
    CRAFT_OF_PARENT,
    /** {@code 970xxxxxx}: AIS search and rescue transmitter. */
    SART,
    /** {@code 972xxxxxx}: man-overboard device. */
    MOB,
    /** {@code 974xxxxxx}: EPIRB with AIS. */
    EPIRB,
    /** {@code 8MIDxxxxx}: diver's radio. */
    DIVER,
    /** Not a valid MMSI format. */
    INVALID
  }

  /** Lowest MID ITU allocates. */
  static final int MIN_MID = 201;
  /** Highest MID ITU allocates. */
  static final int MAX_MID = 775;

  private static final String[] ALPHA2 = new String[MAX_MID + 1];
  private static final String[] COUNTRY = new String[MAX_MID + 1];

  static {
    load();
  }

  private Mmsi() {}

  /** The kind of station {@code mmsi} names, {@link Kind#INVALID} when no format matches. */
  public static Kind kind(int mmsi) {
    if (mmsi < 0 || mmsi > 999_999_999) {
      return Kind.INVALID;
    }
    int d3 = mmsi / 1_000_000; // first three digits
    int d2 = d3 / 10;
    int d1 = d3 / 100;
    if (d3 == 970) {
      return Kind.SART;
    }
    if (d3 == 972) {
      return Kind.MOB;
    }
    if (d3 == 974) {
      return Kind.EPIRB;
    }
    if (d2 == 99) {
      return inRange(mmsi / 10_000 % 1000) ? Kind.AID_TO_NAVIGATION : Kind.INVALID;
    }
    if (d2 == 98) {
      return inRange(mmsi / 10_000 % 1000) ? Kind.CRAFT_OF_PARENT : Kind.INVALID;
    }
    if (d3 == 111) {
      return inRange(mmsi / 1000 % 1000) ? Kind.SAR_AIRCRAFT : Kind.INVALID;
    }
    if (d1 == 8) {
      return inRange(mmsi / 100_000 % 1000) ? Kind.DIVER : Kind.INVALID;
    }
    if (d2 == 0) {
      return inRange(mmsi / 10_000 % 1000) ? Kind.COAST_STATION : Kind.INVALID;
    }
    if (d1 == 0) {
      return inRange(mmsi / 100_000 % 1000) ? Kind.GROUP : Kind.INVALID;
    }
    return inRange(d3) ? Kind.SHIP : Kind.INVALID;
  }

  /**
   * The maritime identification digits of {@code mmsi} (201-775), or -1 when its format carries
   * none (SART, MOB, EPIRB, invalid). The MID need not be allocated: see {@link #hasValidMid}.
   */
  public static int mid(int mmsi) {
    return switch (kind(mmsi)) {
      case SHIP -> mmsi / 1_000_000;
      case GROUP, DIVER -> mmsi / 100_000 % 1000;
      case COAST_STATION, AID_TO_NAVIGATION, CRAFT_OF_PARENT -> mmsi / 10_000 % 1000;
      case SAR_AIRCRAFT -> mmsi / 1000 % 1000;
      case SART, MOB, EPIRB, INVALID -> -1;
    };
  }

  /** Whether {@code mmsi} has a MID that ITU has allocated to a country. */
  public static boolean hasValidMid(int mmsi) {
    int mid = mid(mmsi);
    return mid >= 0 && ALPHA2[mid] != null;
  }

  /** ISO 3166-1 alpha-2 code of the country of {@code mmsi}'s MID, or null when it has none. */
  public static @Nullable String flag(int mmsi) {
    int mid = mid(mmsi);
    return mid < 0 ? null : ALPHA2[mid];
  }

  /** English name of the country of {@code mmsi}'s MID, or null when it has none. */
  public static @Nullable String country(int mmsi) {
    int mid = mid(mmsi);
    return mid < 0 ? null : COUNTRY[mid];
  }

  /** ISO 3166-1 alpha-2 code for a MID, or null when the MID is not allocated. */
  public static @Nullable String flagOfMid(int mid) {
    return mid < MIN_MID || mid > MAX_MID ? null : ALPHA2[mid];
  }

  /** Country name for a MID, or null when the MID is not allocated. */
  public static @Nullable String countryOfMid(int mid) {
    return mid < MIN_MID || mid > MAX_MID ? null : COUNTRY[mid];
  }

  private static boolean inRange(int mid) {
    return mid >= MIN_MID && mid <= MAX_MID;
  }

  private static void load() {
    try (InputStream in = Mmsi.class.getResourceAsStream("mid.tsv")) {
      if (in == null) {
        throw new IllegalStateException("resource mid.tsv missing beside " + Mmsi.class.getName());
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 3) {
          throw new IllegalStateException(
              "mid.tsv line " + n + ": expected 3 fields, tab-separated");
        }
        int mid = Integer.parseInt(f[0].strip());
        if (!inRange(mid) || f[1].strip().length() != 2) {
          throw new IllegalStateException("mid.tsv line " + n + ": bad MID or alpha-2");
        }
        ALPHA2[mid] = f[1].strip();
        COUNTRY[mid] = f[2].strip();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mid.tsv", e);
    }
  }
}
