package org.kuroshio.maritime.ais;

import java.util.List;

/** Type 20: data link management, 1-4 slot reservations. */
public record DataLinkManagement(int type, int repeat, int mmsi, List<Reservation> reservations)
    implements AisMessage {
  /** Copies the list. */
  public DataLinkManagement {
    reservations = List.copyOf(reservations);
  }

  /** One reservation: slot offset, number of slots, timeout (minutes), increment. */
  public record Reservation(int offset, int number, int timeout, int increment) {}
}
