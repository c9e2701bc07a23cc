package org.kuroshio.stix;

import java.util.List;

/** The findings of validating one object; valid when it holds no error. */
public record ValidationReport(List<Issue> issues) {

  /** A report with no findings. */
  public static final ValidationReport CLEAN = new ValidationReport(List.of());

  public ValidationReport {
    issues = List.copyOf(issues);
  }

  /** Returns whether no finding is an error. */
  public boolean valid() {
    return issues.stream().noneMatch(i -> i.severity() == Severity.ERROR);
  }

  /** Returns the errors. */
  public List<Issue> errors() {
    return issues.stream().filter(i -> i.severity() == Severity.ERROR).toList();
  }

  /** Returns the warnings. */
  public List<Issue> warnings() {
    return issues.stream().filter(i -> i.severity() == Severity.WARNING).toList();
  }
}
