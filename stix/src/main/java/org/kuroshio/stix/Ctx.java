package org.kuroshio.stix;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The state of one validation: the object, the mode and the findings so far. */
final class Ctx {
  final boolean strict;
  final String objectId;
  final JsonNode root;
  final String type;
  boolean toplevelExtension;
  private List<Issue> issues;

  Ctx(boolean strict, String objectId, JsonNode root, String type) {
    this.strict = strict;
    this.objectId = objectId;
    this.root = root;
    this.type = type;
  }

  /** A MUST violation: an error when strict, a warning when lenient. */
  void error(String path, String rule, String message) {
    add(strict ? Severity.ERROR : Severity.WARNING, path, rule, message);
  }

  /** A violation that makes the object unusable: an error in both modes. */
  void fatal(String path, String rule, String message) {
    add(Severity.ERROR, path, rule, message);
  }

  /** A SHOULD violation or an unknown value of an open vocabulary. */
  void warn(String path, String rule, String message) {
    add(Severity.WARNING, path, rule, message);
  }

  private void add(Severity s, String path, String rule, String message) {
    if (issues == null) {
      issues = new ArrayList<>(4);
    }
    issues.add(new Issue(s, objectId, path, rule, message));
  }

  void addAll(List<Issue> more) {
    if (!more.isEmpty()) {
      if (issues == null) {
        issues = new ArrayList<>(more.size());
      }
      issues.addAll(more);
    }
  }

  ValidationReport report() {
    return issues == null ? ValidationReport.CLEAN : new ValidationReport(issues);
  }

  static String path(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }
}
