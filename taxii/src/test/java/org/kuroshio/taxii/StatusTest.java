package org.kuroshio.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.stix.StixJson;

/** The status resource's invariants (TAXII 2.1 status resource). */
class StatusTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456Z");
  private static final StatusDetails A =
      new StatusDetails("indicator--00000000-0000-4000-8000-000000000001", "v1", null);
  private static final StatusDetails B =
      new StatusDetails("indicator--00000000-0000-4000-8000-000000000002", "v1", "bad");

  @Test
  void pendingStatusCarriesItsPendingsAndCounts() {
    Status s = Status.of("s1", T, List.of(A), List.of(), List.of(B));

    assertThat(s.status()).isEqualTo(Status.PENDING);
    assertThat(s.isComplete()).isFalse();
    assertThat(s.toJson().toString()).isEqualTo(StixJson.readTree("""
        {"id":"s1","status":"pending","request_timestamp":"2026-01-02T03:04:05.123456Z",
         "total_count":2,"success_count":1,
         "successes":[{"id":"indicator--00000000-0000-4000-8000-000000000001","version":"v1"}],
         "failure_count":0,"pending_count":1,
         "pendings":[{"id":"indicator--00000000-0000-4000-8000-000000000002","version":"v1",
           "message":"bad"}]}
        """, StixJson.mapper()).toString());
    assertThat(Status.fromJson(s.toJson())).isEqualTo(s);
  }

  @Test
  void withoutPendingsTheStatusIsComplete() {
    assertThat(Status.of("s1", T, List.of(A), List.of(B), List.of()).isComplete()).isTrue();
  }

  @Test
  void totalMustBeTheSumOfTheOtherCounts() {
    assertThatThrownBy(() -> new Status("s", Status.COMPLETE, T, 3, 1, List.of(), 1, List.of(),
        0, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total_count 3");
  }

  @Test
  void aListMustMatchItsCount() {
    assertThatThrownBy(() -> new Status("s", Status.COMPLETE, T, 2, 2, List.of(A), 0, List.of(),
        0, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("successes lists 1");
  }

  @Test
  void completeMeansNothingPending() {
    assertThatThrownBy(() -> new Status("s", Status.COMPLETE, T, 1, 0, List.of(), 0, List.of(),
        1, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pending_count 0");
  }

  @Test
  void statusIsCompleteOrPending() {
    assertThatThrownBy(() -> new Status("s", "done", T, 0, 0, List.of(), 0, List.of(), 0,
        List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("complete or pending");
  }

  @Test
  void anInconsistentServerStatusIsRefusedByTheReader() {
    assertThatThrownBy(() -> Status.fromJson(StixJson.readTree("""
        {"id":"s","status":"complete","total_count":5,"success_count":1,"failure_count":0,
         "pending_count":0}""", StixJson.mapper())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
