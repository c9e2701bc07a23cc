package org.kuroshio.maritime.vessel;

/**
 * Limits of a {@link VesselRegistry}.
 *
 * @param maxVessels the most MMSIs kept; messages from further new MMSIs are counted and ignored
 *     (default 1,000,000: about ten times the vessels the world's AIS network sees in a day)
 * @param historyPerVessel identity changes kept per vessel, newest first out last (default 100)
 */
public record RegistrySettings(int maxVessels, int historyPerVessel) {
  /** The defaults: 1,000,000 vessels, 100 changes each. */
  public static final RegistrySettings DEFAULTS = new RegistrySettings(1_000_000, 100);

  /** Checks the values. */
  public RegistrySettings {
    if (maxVessels < 1) {
      throw new IllegalArgumentException("maxVessels must be >= 1, was " + maxVessels);
    }
    if (historyPerVessel < 0) {
      throw new IllegalArgumentException("historyPerVessel must be >= 0, was " + historyPerVessel);
    }
  }
}
