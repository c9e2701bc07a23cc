package org.kuroshio.stix;

import java.util.Set;

/** Warning rules the OASIS examples legitimately trigger. */
final class ExpectedWarnings {
  private ExpectedWarnings() {}

  /**
   * The examples use values outside open vocabularies, custom hash names and deprecated
   * properties (observed-data objects in older examples); those are warnings by design.
   */
  static final Set<String> RULES = Set.of("open-vocabulary", "sco-id-mismatch");
}
