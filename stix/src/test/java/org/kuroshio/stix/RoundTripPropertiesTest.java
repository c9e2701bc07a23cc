package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties over generated input: parse(write(x)) == x for STIX-like JSON with custom properties,
 * and validation never throws. Each case is a seed, so a failure names the seed that reproduces it.
 */
class RoundTripPropertiesTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] TYPES = {"indicator", "malware", "x-custom-thing", "note"};
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz_0123456789";

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  private static JsonNode value(SplittableRandom r, int depth) {
    int pick = r.nextInt(depth == 0 ? 6 : 8);
    return switch (pick) {
      case 0, 1 -> F.stringNode(text(r, 40));
      case 2 -> F.numberNode(r.nextInt());
      case 3 -> F.numberNode(r.nextLong());
      case 4 -> F.numberNode((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-20, 20)));
      case 5 -> F.booleanNode(r.nextBoolean());
      case 6 -> {
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(5); i > 0; i--) {
          a.add(value(r, depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = F.objectNode();
        for (int i = r.nextInt(5); i > 0; i--) {
          o.set(text(r, 12), value(r, depth - 1));
        }
        yield o;
      }
    };
  }

  /**
   * Well-formed Unicode of any kind: controls, quotes, backslashes, characters outside the basic
   * plane (as surrogate pairs), but never a lone surrogate, which no UTF-8 text can carry.
   */
  private static String text(SplittableRandom r, int max) {
    StringBuilder sb = new StringBuilder();
    for (int n = r.nextInt(max + 1); n > 0; n--) {
      int cp = switch (r.nextInt(4)) {
        case 0 -> r.nextInt(0x20);
        case 1 -> r.nextInt(0x20, 0x7F);
        case 2 -> r.nextInt(0x80, 0xD800);
        default -> r.nextInt(0x10000, 0x110000);
      };
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  private static ObjectNode stixLike(SplittableRandom r) {
    String type = TYPES[r.nextInt(TYPES.length)];
    ObjectNode o = F.objectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", type + "--00000000-0000-4000-8000-"
        + String.format(Locale.ROOT, "%012x", r.nextLong(0x1_0000_0000_0000L)));
    o.put("created", "2026-01-01T00:00:00.000Z");
    o.put("modified", "2026-01-01T00:00:00.000Z");
    for (int i = r.nextInt(7); i > 0; i--) {
      StringBuilder name = new StringBuilder("x_");
      for (int c = r.nextInt(2, 21); c > 0; c--) {
        name.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
      }
      o.set(name.toString(), value(r, 3));
    }
    return o;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void writeThenParse_isIdentity(long seed) {
    ObjectNode node = stixLike(new SplittableRandom(seed));
    StixObject original = StixObject.of(node.deepCopy());
    StixObject parsed = StixJson.parse(original.toJson());
    assertThat(parsed).isEqualTo(original);
    assertThat(StixJson.write(parsed.json())).isEqualTo(StixJson.write(node));
    assertThat(StixJson.parse(StixJson.writeBytes(parsed.json()))).isEqualTo(original);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void validation_neverThrows(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    JsonNode anything = value(r, 3);
    ObjectNode object = stixLike(r);
    assertThat(Validator.lenient().validate(anything)).isNotNull();
    ObjectNode mixed = object.deepCopy();
    mixed.set("labels", anything);
    mixed.set("created", anything);
    ValidationReport report = Validator.strict().validate(mixed);
    assertThat(report.issues())
        .allSatisfy(i -> assertThat(i.objectId()).isEqualTo(object.get("id").asString()));
    assertThat(List.copyOf(report.issues())).isEqualTo(report.issues());
  }
}
