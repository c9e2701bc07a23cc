package org.kuroshio.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.geo.Area;
import org.kuroshio.maritime.sar.SarCandidate;
import org.kuroshio.maritime.stix.CableOutage;
import org.kuroshio.maritime.stix.MaritimeStix;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.IdentityChange;
import org.kuroshio.maritime.vessel.Vessel;
import org.kuroshio.stix.Timestamps;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON and GeoJSON the maritime API answers with: vessels, tracks, events, areas, SAR
 * candidates, outages and the {@code /health} block. Times are RFC 3339 UTC with milliseconds;
 * unknown values are JSON null; GeoJSON positions are [longitude, latitude] rounded to 1e-6
 * degree (about 10 cm).
 */
final class MaritimeJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private MaritimeJson() {}

  static String time(long epochMs) {
    return Timestamps.formatMillis(Instant.ofEpochMilli(epochMs));
  }

  private static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }

  private static void putText(ObjectNode o, String key, @Nullable String v) {
    if (v == null || v.isBlank()) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }

  private static double round6(double v) {
    return Math.rint(v * 1e6) / 1e6;
  }

  private static ArrayNode position(double lon, double lat) {
    ArrayNode a = F.arrayNode(2);
    a.add(round6(lon));
    a.add(round6(lat));
    return a;
  }

  /** A vessel as the list and the detail answer it. */
  static ObjectNode vessel(Vessel v) {
    ObjectNode o = F.objectNode();
    o.put("mmsi", v.mmsi());
    if (v.imo() == 0) {
      o.putNull("imo");
    } else {
      o.put("imo", v.imo());
    }
    putText(o, "name", v.name());
    putText(o, "call_sign", v.callSign());
    putText(o, "flag", v.flag());
    if (v.shipType() == 0) {
      o.putNull("ship_type");
    } else {
      o.put("ship_type", v.shipType());
    }
    if (v.length() == 0) {
      o.putNull("length");
    } else {
      o.put("length", v.length());
    }
    if (v.beam() == 0) {
      o.putNull("beam");
    } else {
      o.put("beam", v.beam());
    }
    putText(o, "destination", v.destination());
    putNumber(o, "lat", v.lat());
    putNumber(o, "lon", v.lon());
    putNumber(o, "speed", v.speed());
    putNumber(o, "course", v.course());
    o.put("nav_status", v.navStatus());
    o.put("first_seen", time(v.firstSeen()));
    o.put("last_seen", time(v.lastSeen()));
    o.put("stix_id", MaritimeStix.vesselId(v.mmsi()));
    return o;
  }

  /** One identity change of a vessel. */
  static ObjectNode change(IdentityChange c) {
    ObjectNode o = F.objectNode();
    o.put("time", time(c.time()));
    o.put("field", c.field());
    putText(o, "before", c.before());
    putText(o, "after", c.after());
    return o;
  }

  /**
   * A track as a GeoJSON FeatureCollection: one LineString of every point (when there are two or
   * more), then one Point feature per fix with its time, speed, course and status.
   *
   * @param total how many fixes the period held before thinning
   */
  static ObjectNode track(int mmsi, @Nullable String name, List<Fix> fixes, int total) {
    ObjectNode fc = F.objectNode();
    fc.put("type", "FeatureCollection");
    ObjectNode meta = fc.putObject("properties");
    meta.put("mmsi", mmsi);
    putText(meta, "name", name);
    meta.put("points", fixes.size());
    meta.put("total_points", total);
    meta.put("thinned", fixes.size() < total);
    ArrayNode features = fc.putArray("features");
    if (fixes.size() >= 2) {
      features.add(line(mmsi, name, fixes));
    }
    for (Fix f : fixes) {
      ObjectNode p = features.addObject();
      p.put("type", "Feature");
      ObjectNode g = p.putObject("geometry");
      g.put("type", "Point");
      g.set("coordinates", position(f.lon(), f.lat()));
      ObjectNode props = p.putObject("properties");
      props.put("mmsi", mmsi);
      props.put("time", time(f.time()));
      putNumber(props, "speed", f.speed());
      putNumber(props, "course", f.course());
      if (f.heading() == Fix.NO_HEADING) {
        props.putNull("heading");
      } else {
        props.put("heading", f.heading());
      }
      props.put("nav_status", f.navStatus());
    }
    return fc;
  }

  /** A LineString feature of a vessel's fixes with its first and last time. */
  static ObjectNode line(int mmsi, @Nullable String name, List<Fix> fixes) {
    ObjectNode l = F.objectNode();
    l.put("type", "Feature");
    ObjectNode g = l.putObject("geometry");
    g.put("type", "LineString");
    ArrayNode cs = g.putArray("coordinates");
    for (Fix f : fixes) {
      cs.add(position(f.lon(), f.lat()));
    }
    ObjectNode props = l.putObject("properties");
    props.put("mmsi", mmsi);
    putText(props, "name", name);
    props.put("from", time(fixes.getFirst().time()));
    props.put("to", time(fixes.getLast().time()));
    props.put("points", fixes.size());
    return l;
  }

  /** Keeps at most {@code max} fixes, evenly spaced, always the first and the last. */
  static List<Fix> thin(List<Fix> fixes, int max) {
    int n = fixes.size();
    if (n <= max) {
      return fixes;
    }
    if (max <= 1) {
      return List.of(fixes.getLast());
    }
    List<Fix> out = new ArrayList<>(max);
    for (int i = 0; i < max; i++) {
      long idx = Math.round((double) i * (n - 1) / (max - 1));
      out.add(fixes.get((int) idx));
    }
    return out;
  }

  /** A detector event. */
  static ObjectNode event(MaritimeEvent e, @Nullable String stixId) {
    ObjectNode o = F.objectNode();
    o.put("kind", e.kind().wireName());
    o.put("mmsi", e.mmsi());
    if (e.otherMmsi() == 0) {
      o.putNull("other_mmsi");
    } else {
      o.put("other_mmsi", e.otherMmsi());
    }
    o.put("start", time(e.start()));
    o.put("end", time(e.end()));
    putNumber(o, "lat", e.lat());
    putNumber(o, "lon", e.lon());
    o.put("score", e.score());
    o.put("summary", e.summary());
    ObjectNode d = o.putObject("details");
    for (Map.Entry<String, String> x : new TreeMap<>(e.details()).entrySet()) {
      d.put(x.getKey(), x.getValue());
    }
    ArrayNode ev = o.putArray("evidence");
    for (Fix f : e.evidence()) {
      ObjectNode p = ev.addObject();
      p.put("type", "Point");
      p.set("coordinates", position(f.lon(), f.lat()));
      p.put("time", time(f.time()));
      putNumber(p, "speed", f.speed());
      putNumber(p, "course", f.course());
    }
    putText(o, "stix_id", stixId);
    return o;
  }

  /** A SAR candidate. */
  static ObjectNode candidate(SarCandidate c) {
    ObjectNode o = F.objectNode();
    o.put("mmsi", c.mmsi());
    putText(o, "name", c.name());
    putText(o, "call_sign", c.callSign());
    putNumber(o, "lat", c.lat());
    putNumber(o, "lon", c.lon());
    o.put("distance_m", Math.rint(c.distanceM()));
    putNumber(o, "speed", c.speedKn());
    putNumber(o, "course", c.courseDeg());
    o.put("bearing", Math.rint(c.bearingToDistressDeg() * 10) / 10);
    if (c.timeToReach() == null) {
      o.putNull("time_to_reach");
      o.putNull("time_to_reach_s");
    } else {
      o.put("time_to_reach", c.timeToReach().withNanos(0).toString());
      o.put("time_to_reach_s", c.timeToReach().toSeconds());
    }
    o.put("position_time", time(c.positionTime()));
    return o;
  }

  /** An area as a GeoJSON feature (a circle as a Point with {@code radius_m}, as files hold). */
  static ObjectNode area(Area a, boolean configured) {
    ObjectNode f = F.objectNode();
    f.put("type", "Feature");
    f.put("id", a.id());
    if (a.isCircle()) {
      ObjectNode g = f.putObject("geometry");
      g.put("type", "Point");
      g.set("coordinates", position(a.centerLon(), a.centerLat()));
    } else {
      f.set("geometry", geometry(a.geometry()));
    }
    ObjectNode p = f.putObject("properties");
    p.put("id", a.id());
    p.put("name", a.name());
    p.put("kind", a.kind().wireName());
    if (a.isCircle()) {
      p.put("radius_m", a.radiusM());
    }
    p.put("source", configured ? "configuration" : "api");
    return f;
  }

  /** A GeoJSON FeatureCollection of these features. */
  static ObjectNode collection(List<ObjectNode> features) {
    ObjectNode fc = F.objectNode();
    fc.put("type", "FeatureCollection");
    ArrayNode a = fc.putArray("features");
    features.forEach(a::add);
    return fc;
  }

  /** A recorded cable outage. */
  static ObjectNode outage(CableOutage o) {
    ObjectNode n = F.objectNode();
    n.put("cable_id", o.cableId());
    n.put("cable_name", o.cableName());
    n.put("start", Timestamps.formatMillis(o.start()));
    if (o.end() == null) {
      n.putNull("end");
    } else {
      n.put("end", Timestamps.formatMillis(o.end()));
    }
    n.put("reported_by", o.reportedBy());
    putText(n, "description", o.description());
    return n;
  }

  /** The {@code maritime} block of {@code /health}. */
  static ObjectNode status(MaritimeService.Status s) {
    ObjectNode o = F.objectNode();
    o.put("lines", s.lines());
    o.put("positions", s.positions());
    o.put("vessels", s.vessels());
    ObjectNode ev = o.putObject("events");
    long total = 0;
    for (Map.Entry<String, Long> e : s.events().entrySet()) {
      ev.put(e.getKey(), e.getValue());
      total += e.getValue();
    }
    o.put("events_total", total);
    o.put("published", s.published());
    o.put("objects_written", s.written());
    o.put("objects_refused", s.refused());
    o.put("incidents", s.incidents());
    o.put("events_dropped", s.droppedEvents());
    if (s.lastFlush() == null) {
      o.putNull("last_flush");
    } else {
      o.put("last_flush", Timestamps.formatMillis(s.lastFlush()));
    }
    ArrayNode inputs = o.putArray("inputs");
    for (MaritimeService.InputState i : s.inputs()) {
      ObjectNode n = inputs.addObject();
      n.put("spec", i.spec());
      n.put("bytes", i.stats().bytes());
      n.put("lines", i.stats().lines());
      n.put("delivered", i.stats().delivered());
      n.put("dropped_lines", i.stats().droppedLines());
      n.put("overlong", i.stats().overlong());
      n.put("connections", i.stats().activeConnections());
      n.put("reconnects", i.stats().reconnects());
      putText(n, "failure", i.failure());
    }
    return o;
  }

  /** Counts the positions of a geometry (for response bounds). */
  static int size(Geometry g) {
    return g.getNumPoints();
  }

  /** A JTS geometry (Point, LineString, Polygon and their multi forms) as GeoJSON. */
  static ObjectNode geometry(Geometry g) {
    ObjectNode o = F.objectNode();
    switch (g) {
      case Point p -> {
        o.put("type", "Point");
        o.set("coordinates", position(p.getX(), p.getY()));
      }
      case LineString l -> {
        o.put("type", "LineString");
        o.set("coordinates", coords(l.getCoordinates()));
      }
      case Polygon p -> {
        o.put("type", "Polygon");
        o.set("coordinates", rings(p));
      }
      default -> {
        String type = g.getGeometryType();
        if (type.equals("MultiPolygon")) {
          o.put("type", "MultiPolygon");
          ArrayNode polys = o.putArray("coordinates");
          for (int i = 0; i < g.getNumGeometries(); i++) {
            polys.add(rings((Polygon) g.getGeometryN(i)));
          }
        } else if (type.equals("MultiLineString")) {
          o.put("type", "MultiLineString");
          ArrayNode lines = o.putArray("coordinates");
          for (int i = 0; i < g.getNumGeometries(); i++) {
            lines.add(coords(g.getGeometryN(i).getCoordinates()));
          }
        } else {
          o.put("type", "GeometryCollection");
          ArrayNode gs = o.putArray("geometries");
          for (int i = 0; i < g.getNumGeometries(); i++) {
            gs.add(geometry(g.getGeometryN(i)));
          }
        }
      }
    }
    return o;
  }

  private static ArrayNode rings(Polygon p) {
    ArrayNode rings = F.arrayNode();
    rings.add(coords(p.getExteriorRing().getCoordinates()));
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      rings.add(coords(p.getInteriorRingN(i).getCoordinates()));
    }
    return rings;
  }

  private static ArrayNode coords(Coordinate[] cs) {
    ArrayNode a = F.arrayNode(cs.length);
    for (Coordinate c : cs) {
      a.add(position(c.x, c.y));
    }
    return a;
  }
}
