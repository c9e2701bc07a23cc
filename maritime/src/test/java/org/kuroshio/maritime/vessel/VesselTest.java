package org.kuroshio.maritime.vessel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vessel snapshot's helpers. */
class VesselTest {

  @Test
  void lengthAndBeam_addTheDimensions() {
    Vessel v = new Vessel(351759000, 9134270, "EVER DIADEM", "3FOF8", 70, 225, 70, 1, 31,
        "NEW YORK", "PA", 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 15);
    assertThat(v.length()).isEqualTo(295);
    assertThat(v.beam()).isEqualTo(32);
    assertThat(v.hasPosition()).isFalse();
  }

  @Test
  void imoCheckDigit() {
    assertThat(Vessel.isValidImo(9134270)).isTrue(); // EVER DIADEM
    assertThat(Vessel.isValidImo(9074729)).isTrue(); // the textbook example
    assertThat(Vessel.isValidImo(9074728)).isFalse();
    assertThat(Vessel.isValidImo(0)).isFalse();
    assertThat(Vessel.isValidImo(123456)).isFalse();
    assertThat(Vessel.isValidImo(12345678)).isFalse();
  }
}
