package org.kuroshio.stix;

import java.util.Comparator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** JSON value equality: numbers compare by value (1 == 1.0 == 1L), key order never matters. */
final class JsonEquality {
  private JsonEquality() {}

  /** Orders nothing: returns 0 for equal leaves and 1 otherwise, for JsonNode.equals. */
  static final Comparator<JsonNode> COMPARATOR = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong()
          && b.canConvertToLong()) {
        return a.longValue() == b.longValue() ? 0 : 1;
      }
      return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
    }
    return a.equals(b) ? 0 : 1;
  };

  /** Returns a hash consistent with {@link #COMPARATOR}. */
  static int hash(JsonNode n) {
    if (n.isObject()) {
      int h = 0;
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        h += e.getKey().hashCode() ^ hash(e.getValue());
      }
      return h;
    }
    if (n.isArray()) {
      int h = 1;
      for (int i = 0; i < n.size(); i++) {
        h = 31 * h + hash(n.get(i));
      }
      return h;
    }
    if (n.isNumber()) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 9.0e18) {
        return Long.hashCode((long) d);
      }
      return Double.hashCode(d);
    }
    return n.hashCode();
  }
}
