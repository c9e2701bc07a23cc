package org.kuroshio.maritime.ais;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an armoured AIS payload into an {@link AisMessage}. Never throws on bad input: a bad
 * character, bad fill bits, a payload too short for its type or an unknown type come back as a
 * {@link DecodeResult.Failed} with a {@link DecodeError}.
 *
 * <p>Bit offsets follow gpsd's AIVDM.adoc (bit 0 = first bit of the type). A payload longer than
 * its type needs is accepted and the extra bits ignored (or kept as data for binary types); type 5
 * is accepted from 420 bits and type 24 part A from 160 bits, as seen in practice.
 */
public final class AisDecoder {
  private AisDecoder() {}

  private static final int LON_NA = 181 * 600_000;
  private static final int LAT_NA = 91 * 600_000;

  /** Bits a fixed 168-bit report may lack (bad padding); its last field is then read short. */
  static final int SHORT_TOLERANCE = 5;

  /** Decodes {@code armored} with {@code fillBits} (0-5) fill bits in its last character. */
  public static DecodeResult decode(String armored, int fillBits) {
    if (armored == null || armored.isEmpty()) {
      return new DecodeResult.Failed(DecodeError.EMPTY, "empty payload");
    }
    if (fillBits < 0 || fillBits > 5 || fillBits >= armored.length() * 6) {
      return new DecodeResult.Failed(DecodeError.BAD_FILL_BITS, "fill bits " + fillBits);
    }
    BitReader r = BitReader.tryOf(armored, fillBits);
    if (r == null) {
      return new DecodeResult.Failed(
          DecodeError.BAD_CHARACTER, "invalid character at " + SixBit.firstInvalid(armored));
    }
    if (r.length() < 38) {
      return tooShort(r, 38);
    }
    int type = r.unsigned(6);
    int min = minimumBits(type);
    if (min < 0) {
      return new DecodeResult.Failed(DecodeError.UNKNOWN_TYPE, "message type " + type);
    }
    if (r.length() < min) {
      return tooShort(r, min);
    }
    int repeat = r.unsigned(2);
    int mmsi = r.unsigned(30);
    try {
      AisMessage m = decodeBody(type, repeat, mmsi, r);
      if (m == null) {
        return new DecodeResult.Failed(DecodeError.INVALID_FIELD, "type " + type + " field");
      }
      return new DecodeResult.Decoded(m);
    } catch (IndexOutOfBoundsException e) {
      return new DecodeResult.Failed(DecodeError.TOO_SHORT, e.getMessage());
    }
  }

  private static DecodeResult tooShort(BitReader r, int min) {
    return new DecodeResult.Failed(
        DecodeError.TOO_SHORT, r.length() + " bits, need " + min);
  }

  /** Returns the fewest bits a message of {@code type} may have, or -1 for an unknown type. */
  static int minimumBits(int type) {
    return switch (type) {
      case 1, 2, 3, 4, 11, 9, 18 -> 168 - SHORT_TOLERANCE;
      case 22 -> 168;
      case 5 -> 420;
      case 6, 15 -> 88;
      case 7, 13, 10, 12, 20 -> 72;
      case 8 -> 56;
      case 14, 25 -> 40;
      case 16, 27 -> 96;
      case 17 -> 80;
      case 19 -> 312;
      case 21 -> 272;
      case 23, 24 -> 160;
      case 26 -> 60;
      default -> -1;
    };
  }

  private static @Nullable AisMessage decodeBody(int type, int repeat, int mmsi, BitReader r) {
    return switch (type) {
      case 1, 2, 3 -> positionA(type, repeat, mmsi, r);
      case 4, 11 -> baseStation(type, repeat, mmsi, r);
      case 5 -> staticVoyage(repeat, mmsi, r);
      case 6 -> binaryAddressed(repeat, mmsi, r);
      case 7, 13 -> acknowledge(type, repeat, mmsi, r);
      case 8 -> binaryBroadcast(repeat, mmsi, r);
      case 9 -> sar(repeat, mmsi, r);
      case 10 -> utcInquiry(repeat, mmsi, r);
      case 12 -> safetyAddressed(repeat, mmsi, r);
      case 14 -> safetyBroadcast(repeat, mmsi, r);
      case 15 -> interrogation(repeat, mmsi, r);
      case 16 -> assignment(repeat, mmsi, r);
      case 17 -> dgnss(repeat, mmsi, r);
      case 18 -> positionB(repeat, mmsi, r);
      case 19 -> extendedB(repeat, mmsi, r);
      case 20 -> dataLink(repeat, mmsi, r);
      case 21 -> aidToNavigation(repeat, mmsi, r);
      case 22 -> channelManagement(repeat, mmsi, r);
      case 23 -> groupAssignment(repeat, mmsi, r);
      case 24 -> staticData(repeat, mmsi, r);
      case 25, 26 -> binarySlot(type, repeat, mmsi, r);
      case 27 -> longRange(repeat, mmsi, r);
      default -> null;
    };
  }

  // --- shared field readers -------------------------------------------------------------------

  private static @Nullable Double lon28(BitReader r) {
    int v = r.signed(28);
    return v == LON_NA ? null : v / 600_000.0;
  }

  private static @Nullable Double lat27(BitReader r) {
    int v = r.signed(27);
    return v == LAT_NA ? null : v / 600_000.0;
  }

  private static @Nullable Double speed10(BitReader r) {
    int v = r.unsigned(10);
    return v == 1023 ? null : v / 10.0;
  }

  private static @Nullable Double course12(BitReader r) {
    int v = r.unsigned(12);
    return v == 3600 ? null : v / 10.0;
  }

  private static @Nullable Integer heading9(BitReader r) {
    int v = r.unsigned(9);
    return v == 511 ? null : v;
  }

  /** Position at 1/10 minute resolution (types 17, 22, 23), in degrees. */
  private static double tenthMinutes(BitReader r, int bits) {
    return r.signed(bits) / 600.0;
  }

  // --- message types ----------------------------------------------------------------------------

  private static AisMessage positionA(int type, int repeat, int mmsi, BitReader r) {
    int status = r.unsigned(4);
    int rot = r.signed(8);
    Double sog = speed10(r);
    boolean acc = r.bool();
    Double lon = lon28(r);
    Double lat = lat27(r);
    Double cog = course12(r);
    Integer hdg = heading9(r);
    int second = r.unsigned(6);
    int maneuver = r.unsigned(2);
    r.skip(3);
    boolean raim = r.bool();
    int radio = r.unsignedUpTo(19);
    return new PositionReportClassA(
        type, repeat, mmsi, status, rot, sog, acc, lon, lat, cog, hdg, second, maneuver, raim,
        radio);
  }

  private static AisMessage baseStation(int type, int repeat, int mmsi, BitReader r) {
    int year = r.unsigned(14);
    int month = r.unsigned(4);
    int day = r.unsigned(5);
    int hour = r.unsigned(5);
    int minute = r.unsigned(6);
    int second = r.unsigned(6);
    boolean acc = r.bool();
    Double lon = lon28(r);
    Double lat = lat27(r);
    int epfd = r.unsigned(4);
    r.skip(10);
    boolean raim = r.bool();
    int radio = r.unsignedUpTo(19);
    return new BaseStationReport(
        type, repeat, mmsi, year, month, day, hour, minute, second, acc, lon, lat, epfd, raim,
        radio);
  }

  private static AisMessage staticVoyage(int repeat, int mmsi, BitReader r) {
    int version = r.unsigned(2);
    int imo = r.unsigned(30);
    String callsign = r.text(7);
    String name = r.text(20);
    int shiptype = r.unsigned(8);
    int bow = r.unsigned(9);
    int stern = r.unsigned(9);
    int port = r.unsigned(6);
    int starboard = r.unsigned(6);
    int epfd = r.unsigned(4);
    int month = r.unsigned(4);
    int day = r.unsigned(5);
    int hour = r.unsigned(5);
    int minute = r.unsigned(6);
    double draught = r.unsigned(8) / 10.0;
    String destination = r.textUpTo(20);
    boolean dte = r.remaining() > 0 ? r.bool() : true;
    return new StaticVoyageData(
        5, repeat, mmsi, version, imo, callsign, name, shiptype, bow, stern, port, starboard,
        epfd, month, day, hour, minute, draught, destination, dte);
  }

  private static AisMessage binaryAddressed(int repeat, int mmsi, BitReader r) {
    int seqno = r.unsigned(2);
    int dest = r.unsigned(30);
    boolean retransmit = r.bool();
    r.skip(1);
    int dac = r.unsigned(10);
    int fid = r.unsigned(6);
    int bits = r.remaining();
    return new BinaryAddressed(6, repeat, mmsi, seqno, dest, retransmit, dac, fid, bits, r.hex(bits));
  }

  private static AisMessage acknowledge(int type, int repeat, int mmsi, BitReader r) {
    r.skip(2);
    // gpsd keeps a last, truncated entry, reading the missing low bits as zero.
    int n = Math.min(4, (r.remaining() + 31) / 32);
    List<Integer> mmsis = new ArrayList<>(n);
    List<Integer> seqnos = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int have = Math.min(30, r.remaining());
      mmsis.add(r.unsigned(have) << (30 - have));
      have = Math.min(2, r.remaining());
      seqnos.add(r.unsigned(have) << (2 - have));
    }
    return new BinaryAcknowledge(type, repeat, mmsi, mmsis, seqnos);
  }

  private static AisMessage binaryBroadcast(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    int dac = r.unsigned(10);
    int fid = r.unsigned(6);
    int bits = r.remaining();
    return new BinaryBroadcast(8, repeat, mmsi, dac, fid, bits, r.hex(bits));
  }

  private static AisMessage sar(int repeat, int mmsi, BitReader r) {
    int alt = r.unsigned(12);
    int sog = r.unsigned(10);
    boolean acc = r.bool();
    Double lon = lon28(r);
    Double lat = lat27(r);
    Double cog = course12(r);
    int second = r.unsigned(6);
    int regional = r.unsigned(8);
    boolean dte = r.bool();
    r.skip(3);
    boolean assigned = r.bool();
    boolean raim = r.bool();
    int radio = r.unsignedUpTo(20);
    return new SarAircraftReport(
        9, repeat, mmsi, alt == 4095 ? null : alt, sog == 1023 ? null : sog, acc, lon, lat, cog,
        second, regional, dte, assigned, raim, radio);
  }

  private static AisMessage utcInquiry(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    return new UtcInquiry(10, repeat, mmsi, r.unsigned(30));
  }

  private static AisMessage safetyAddressed(int repeat, int mmsi, BitReader r) {
    int seqno = r.unsigned(2);
    int dest = r.unsigned(30);
    boolean retransmit = r.bool();
    r.skip(1);
    return new SafetyAddressed(12, repeat, mmsi, seqno, dest, retransmit, r.textUpTo(156));
  }

  private static AisMessage safetyBroadcast(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    return new SafetyBroadcast(14, repeat, mmsi, r.textUpTo(161));
  }

  private static AisMessage interrogation(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    int mmsi1 = r.unsigned(30);
    int type11 = r.unsigned(6);
    int offset11 = r.unsigned(12);
    int type12 = 0;
    int offset12 = 0;
    int mmsi2 = 0;
    int type21 = 0;
    int offset21 = 0;
    if (r.remaining() >= 20) {
      r.skip(2);
      type12 = r.unsigned(6);
      offset12 = r.unsigned(12);
    }
    if (r.remaining() >= 50) {
      r.skip(2);
      mmsi2 = r.unsigned(30);
      type21 = r.unsigned(6);
      offset21 = r.unsigned(12);
    }
    return new Interrogation(
        15, repeat, mmsi, mmsi1, type11, offset11, type12, offset12, mmsi2, type21, offset21);
  }

  private static AisMessage assignment(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    int mmsi1 = r.unsigned(30);
    int offset1 = r.unsigned(12);
    int increment1 = r.unsigned(10);
    int mmsi2 = 0;
    int offset2 = 0;
    int increment2 = 0;
    if (r.remaining() >= 52) {
      mmsi2 = r.unsigned(30);
      offset2 = r.unsigned(12);
      increment2 = r.unsigned(10);
    }
    return new AssignmentModeCommand(
        16, repeat, mmsi, mmsi1, offset1, increment1, mmsi2, offset2, increment2);
  }

  private static AisMessage dgnss(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    double lon = tenthMinutes(r, 18);
    double lat = tenthMinutes(r, 17);
    r.skip(5);
    int bits = r.remaining();
    return new DgnssBroadcast(17, repeat, mmsi, lon, lat, bits, r.hex(bits));
  }

  private static AisMessage positionB(int repeat, int mmsi, BitReader r) {
    int reserved = r.unsigned(8);
    Double sog = speed10(r);
    boolean acc = r.bool();
    Double lon = lon28(r);
    Double lat = lat27(r);
    Double cog = course12(r);
    Integer hdg = heading9(r);
    int second = r.unsigned(6);
    int regional = r.unsigned(2);
    boolean cs = r.bool();
    boolean display = r.bool();
    boolean dsc = r.bool();
    boolean band = r.bool();
    boolean msg22 = r.bool();
    boolean assigned = r.bool();
    boolean raim = r.bool();
    int radio = r.unsignedUpTo(20);
    return new PositionReportClassB(
        18, repeat, mmsi, reserved, sog, acc, lon, lat, cog, hdg, second, regional, cs, display,
        dsc, band, msg22, assigned, raim, radio);
  }

  private static AisMessage extendedB(int repeat, int mmsi, BitReader r) {
    int reserved = r.unsigned(8);
    Double sog = speed10(r);
    boolean acc = r.bool();
    Double lon = lon28(r);
    Double lat = lat27(r);
    Double cog = course12(r);
    Integer hdg = heading9(r);
    int second = r.unsigned(6);
    int regional = r.unsigned(4);
    String name = r.text(20);
    int shiptype = r.unsigned(8);
    int bow = r.unsigned(9);
    int stern = r.unsigned(9);
    int port = r.unsigned(6);
    int starboard = r.unsigned(6);
    int epfd = r.unsigned(4);
    boolean raim = r.bool();
    boolean dte = r.bool();
    boolean assigned = r.bool();
    return new ExtendedPositionReportClassB(
        19, repeat, mmsi, reserved, sog, acc, lon, lat, cog, hdg, second, regional, name,
        shiptype, bow, stern, port, starboard, epfd, raim, dte, assigned);
  }

  private static AisMessage dataLink(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    List<DataLinkManagement.Reservation> list = new ArrayList<>(4);
    while (list.size() < 4 && r.remaining() >= 30) {
      int offset = r.unsigned(12);
      int number = r.unsigned(4);
      int timeout = r.unsigned(3);
      int increment = r.unsigned(11);
      if (offset == 0 && number == 0 && timeout == 0 && increment == 0 && !list.isEmpty()) {
        break;
      }
      list.add(new DataLinkManagement.Reservation(offset, number, timeout, increment));
    }
    return new DataLinkManagement(20, repeat, mmsi, list);
  }

  private static AisMessage aidToNavigation(int repeat, int mmsi, BitReader r) {
    int aidType = r.unsigned(5);
    String name = r.text(20);
    boolean acc = r.bool();
    Double lon = lon28(r);
    Double lat = lat27(r);
    int bow = r.unsigned(9);
    int stern = r.unsigned(9);
    int port = r.unsigned(6);
    int starboard = r.unsigned(6);
    int epfd = r.unsigned(4);
    int second = r.unsigned(6);
    boolean off = r.bool();
    int regional = r.unsigned(8);
    boolean raim = r.bool();
    boolean virtual = r.bool();
    boolean assigned = r.bool();
    r.skip(1);
    if (r.remaining() >= 6) {
      name = name + r.textUpTo(14);
    }
    return new AidToNavigationReport(
        21, repeat, mmsi, aidType, name, acc, lon, lat, bow, stern, port, starboard, epfd, second,
        off, regional, raim, virtual, assigned);
  }

  private static AisMessage channelManagement(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    int channelA = r.unsigned(12);
    int channelB = r.unsigned(12);
    int txrx = r.unsigned(4);
    boolean power = r.bool();
    int areaStart = r.position();
    r.seek(139);
    boolean addressed = r.bool();
    boolean bandA = r.bool();
    boolean bandB = r.bool();
    int zonesize = r.unsigned(3);
    r.seek(areaStart);
    double neLon = 0;
    double neLat = 0;
    double swLon = 0;
    double swLat = 0;
    int dest1 = 0;
    int dest2 = 0;
    if (addressed) {
      dest1 = r.unsigned(30);
      r.skip(5);
      dest2 = r.unsigned(30);
    } else {
      neLon = tenthMinutes(r, 18);
      neLat = tenthMinutes(r, 17);
      swLon = tenthMinutes(r, 18);
      swLat = tenthMinutes(r, 17);
    }
    return new ChannelManagement(
        22, repeat, mmsi, channelA, channelB, txrx, power, addressed, neLon, neLat, swLon, swLat,
        dest1, dest2, bandA, bandB, zonesize);
  }

  private static AisMessage groupAssignment(int repeat, int mmsi, BitReader r) {
    r.skip(2);
    double neLon = tenthMinutes(r, 18);
    double neLat = tenthMinutes(r, 17);
    double swLon = tenthMinutes(r, 18);
    double swLat = tenthMinutes(r, 17);
    int stationType = r.unsigned(4);
    int shiptype = r.unsigned(8);
    r.skip(22);
    int txrx = r.unsigned(2);
    int interval = r.unsigned(4);
    int quiet = r.unsigned(4);
    return new GroupAssignment(
        23, repeat, mmsi, neLon, neLat, swLon, swLat, stationType, shiptype, txrx, interval, quiet);
  }

  private static @Nullable AisMessage staticData(int repeat, int mmsi, BitReader r) {
    int part = r.unsigned(2);
    if (part == 0) {
      return new StaticDataReportPartA(24, repeat, mmsi, r.text(20));
    }
    if (part != 1) {
      return null;
    }
    if (r.length() < 162) {
      throw new IndexOutOfBoundsException("type 24 part B needs 162 bits, has " + r.length());
    }
    int shiptype = r.unsigned(8);
    int vendorStart = r.position();
    String vendor = r.text(7);
    r.seek(vendorStart + 18);
    int model = r.unsigned(4);
    int serial = r.unsigned(20);
    String callsign = r.text(7);
    int bow = 0;
    int stern = 0;
    int port = 0;
    int starboard = 0;
    int mothership = 0;
    if (mmsi / 10_000_000 == 98) {
      mothership = r.unsigned(30);
    } else {
      bow = r.unsigned(9);
      stern = r.unsigned(9);
      port = r.unsigned(6);
      starboard = r.unsigned(6);
    }
    return new StaticDataReportPartB(
        24, repeat, mmsi, shiptype, vendor, model, serial, callsign, bow, stern, port, starboard,
        mothership);
  }

  private static AisMessage binarySlot(int type, int repeat, int mmsi, BitReader r) {
    boolean addressed = r.bool();
    boolean structured = r.bool();
    int radioBits = type == 26 ? 20 : 0;
    int dest = 0;
    int appId = -1;
    if (addressed) {
      if (r.remaining() < 30 + radioBits) {
        throw new IndexOutOfBoundsException("type " + type + " too short for destination");
      }
      dest = r.unsigned(30);
    }
    if (structured) {
      if (r.remaining() < 16 + radioBits) {
        throw new IndexOutOfBoundsException("type " + type + " too short for application id");
      }
      appId = r.unsigned(16);
    }
    int bits = r.remaining() - radioBits;
    if (bits < 0) {
      throw new IndexOutOfBoundsException("type " + type + " too short for radio status");
    }
    String data = r.hex(bits);
    int radio = 0;
    if (type == 26) {
      radio = r.unsigned(20);
    }
    return new BinarySlot(type, repeat, mmsi, addressed, structured, dest, appId, bits, data, radio);
  }

  private static AisMessage longRange(int repeat, int mmsi, BitReader r) {
    boolean acc = r.bool();
    boolean raim = r.bool();
    int status = r.unsigned(4);
    int lonRaw = r.signed(18);
    int latRaw = r.signed(17);
    int sog = r.unsigned(6);
    int cog = r.unsigned(9);
    boolean gnss = r.bool();
    return new LongRangeReport(
        27, repeat, mmsi, acc, raim, status,
        lonRaw == 108_600 ? null : lonRaw / 600.0,
        latRaw == 54_600 ? null : latRaw / 600.0,
        sog == 63 ? null : sog,
        cog == 511 ? null : cog,
        gnss);
  }
}
