package org.kuroshio.stix;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The setters of the properties every typed record shares, for the builders of the records with
 * many optional properties; {@code B} is the concrete builder, so each setter returns it.
 */
public abstract class CommonBuilder<B extends CommonBuilder<B>> {
  CommonProperties common;

  CommonBuilder(CommonProperties common) {
    this.common = common;
  }

  abstract B self();

  /** Sets the shared properties. */
  public B common(CommonProperties value) {
    common = value;
    return self();
  }

  /** Sets {@code modified}, as a new version needs. */
  public B modified(Instant value) {
    common = common.withModified(value);
    return self();
  }

  /** Sets {@code created_by_ref}. */
  public B createdByRef(@Nullable String value) {
    common = common.withCreatedByRef(value);
    return self();
  }

  /** Sets {@code object_marking_refs}. */
  public B objectMarkingRefs(String... refs) {
    common = common.withObjectMarkingRefs(List.of(refs));
    return self();
  }
}
