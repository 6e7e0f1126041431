/// Column layout of the `mpc.gridtool_*` matrices that ``MatpowerWriter`` writes and
/// ``MatpowerReader`` reads back (0-based here; the file's header comments count from 1).
/// docs/network-format.md ("MATPOWER conversion") describes every field.
enum MatpowerGridtoolLayout {
  /// `gridtool_bus_geo`: one row per bus with a coordinate (NaN for a missing half).
  enum Geo: Int, CaseIterable { case bus = 0, latitude, longitude }
  /// `gridtool_bus_pd`: the bus's own demand where `mpc.bus` PD also holds named loads and
  /// HVDC links to external systems, and the PD written.
  enum OwnDemand: Int, CaseIterable { case bus = 0, ownMW, writtenMW }
  /// `gridtool_branch`: one row per `mpc.branch` row (kind 1 line, 2 transformer; length NaN
  /// when not given; estimated 1 or 0; per-km data of one circuit, NaN for a line given in per-unit).
  enum BranchInfo: Int, CaseIterable {
    case kind = 0, circuits, lengthKm, estimated, resistanceOhmPerKm, reactanceOhmPerKm, susceptanceMicroSPerKm
  }
  /// `gridtool_line_type`: one row per line type (names in `gridtool_line_type_name`).
  enum LineTypeRow: Int, CaseIterable { case voltageKV = 0, resistanceOhmPerKm, reactanceOhmPerKm, susceptanceMicroSPerKm, ratingMWPerCircuit }
  /// `gridtool_load`: one row per named load.
  enum LoadRow: Int, CaseIterable { case bus = 0, demandMW, status }
  /// `gridtool_hvdc`: one row per HVDC link in the network's order; `dclineRow` is the link's
  /// `mpc.dcline` row (0: a link to an external system); loss model 1 MATPOWER, 2 physical;
  /// `matpowerColumns` 1 when the link's `dcline` columns QF...QMAXT are its own (0: written by gridtool).
  enum HVDCRow: Int, CaseIterable {
    case dclineRow = 0, from, setpointMW, ratingMW, status, lossModel, poles, poleVoltageKV, poleResistanceOhm,
      converterFixedMW, converterFraction, loss0MW, loss1, matpowerColumns
  }
  /// `gridtool_group`: one row per group (kind 1 ring, 2 corridor, 3 region, 4 other).
  enum GroupRow: Int, CaseIterable { case kind = 0, ratingMW }
  /// `gridtool_group_member`: one row per member (kind 1 branch row, 2 `gridtool_hvdc` row, 3 bus number).
  enum MemberRow: Int, CaseIterable { case group = 0, kind, member }

  static let groupKinds: [GroupKind] = [.ring, .corridor, .region, .other]

  static let geoHeader = "%\tbus\tlat\tlon"
  static let ownDemandHeader = "%\tbus\town_Pd\tPd"
  static let branchHeader = "%\tkind\tcircuits\tlength_km\testimated\tr_ohm_per_km\tx_ohm_per_km\tb_us_per_km"
  static let lineTypeHeader = "%\tkV\tr_ohm_per_km\tx_ohm_per_km\tb_us_per_km\trating_mw_per_circuit"
  static let loadHeader = "%\tbus\tPd\tstatus"
  static let hvdcHeader =
    "%\tdcline\tfbus\tP\trating\tstatus\tloss_model\tpoles\tkV\tohm_per_pole\tconv_MW\tconv_fraction\tloss0\tloss1\tmatpower_columns"
  static let groupHeader = "%\tkind\trating"
  static let memberHeader = "%\tgroup\tkind\tmember"
}
