package org.kuroshio.maritime.ais;

/** A decoded AIS message: one record per message type or family, with the common header. */
public sealed interface AisMessage
    permits PositionReportClassA, BaseStationReport, StaticVoyageData, BinaryAddressed,
        BinaryAcknowledge, BinaryBroadcast, SarAircraftReport, UtcInquiry, SafetyAddressed,
        SafetyBroadcast, Interrogation, AssignmentModeCommand, DgnssBroadcast,
        PositionReportClassB, ExtendedPositionReportClassB, DataLinkManagement,
        AidToNavigationReport, ChannelManagement, GroupAssignment, StaticDataReportPartA,
        StaticDataReportPartB, BinarySlot, LongRangeReport {

  /** Message type, 1-27. */
  int type();

  /** Repeat indicator, 0-3 (3 = do not repeat). */
  int repeat();

  /** Source MMSI (up to 9 digits). */
  int mmsi();
}
