/**
 * AIS (ITU-R M.1371) decoding: the NMEA sentence layer and the 6-bit payload decoder.
 *
 * <p><b>Payload decoder.</b> {@link org.kuroshio.maritime.ais.AisDecoder#decode(String, int)} turns an
 * armoured payload plus its fill bits into one {@link org.kuroshio.maritime.ais.AisMessage} record
 * per message type or family, or a {@link org.kuroshio.maritime.ais.DecodeError}; it never throws on
 * bad input.
 *
 * <p><b>"Not available" values.</b> Values are scaled to natural units. A field with a defined
 * "not available" code is a boxed {@code @Nullable} value that is {@code null} when the code is sent:
 * longitude 181° / latitude 91° (types 1-3, 4/11, 9, 18, 19, 21, 27), speed over ground 102.3 kn
 * (raw 1023; 63 kn in type 27), course 360° (raw 3600; 511 in type 27), true heading 511, SAR
 * altitude 4095 m, SAR speed 1023 kn. Rate of turn keeps its raw signed value ({@code rot}, -128 =
 * not available, ±127 = turning faster than 5°/30 s without a turn indicator) and
 * {@code rateOfTurn()} gives degrees per minute as gpsd documents, {@code sign(v)·(v/4.733)²}, or
 * {@code null} for -128 and ±127. Fields whose "not available" code is a plain number in range keep
 * that number as a documented sentinel: time stamp second 60 (61-63 special), navigation status 15,
 * ETA month/day 0, hour 24, minute 60, draught 0, dimensions 0, IMO 0, ship type 0, year/month/day 0,
 * hour 24, minute/second 60. Six-bit text has trailing {@code '@'} and spaces removed (as gpsd).
 * Binary payloads (types 6, 8, 17, 25, 26) keep their raw data bits as lower-case hex with the bit
 * count, as gpsd's {@code "data":"bits:hex"}.
 */
@NullMarked
package org.kuroshio.maritime.ais;

import org.jspecify.annotations.NullMarked;
