/// The named constants of MATPOWER's index functions, the only functions a case file may
/// call (by destructuring, `[PQ, PV, REF, ...] = idx_bus;`, or `define_constants;`).
///
/// Values and output order are MATPOWER 8.1's `idx_bus`, `idx_brch`, `idx_gen`, `idx_cost`,
/// `idx_ct` and `idx_dcline` (1-based column numbers, as MATLAB indexes).
enum MatpowerConstants {
  /// Outputs of each index function, in the order MATLAB returns them.
  static let functions: [String: [(name: String, value: Double)]] = [
    "idx_bus": [
      ("PQ", 1), ("PV", 2), ("REF", 3), ("NONE", 4), ("BUS_I", 1), ("BUS_TYPE", 2), ("PD", 3), ("QD", 4), ("GS", 5), ("BS", 6),
      ("BUS_AREA", 7), ("VM", 8), ("VA", 9), ("BASE_KV", 10), ("ZONE", 11), ("VMAX", 12), ("VMIN", 13), ("LAM_P", 14),
      ("LAM_Q", 15), ("MU_VMAX", 16), ("MU_VMIN", 17),
    ],
    "idx_brch": [
      ("F_BUS", 1), ("T_BUS", 2), ("BR_R", 3), ("BR_X", 4), ("BR_B", 5), ("RATE_A", 6), ("RATE_B", 7), ("RATE_C", 8), ("TAP", 9),
      ("SHIFT", 10), ("BR_STATUS", 11), ("PF", 14), ("QF", 15), ("PT", 16), ("QT", 17), ("MU_SF", 18), ("MU_ST", 19),
      ("ANGMIN", 12), ("ANGMAX", 13), ("MU_ANGMIN", 20), ("MU_ANGMAX", 21),
    ],
    "idx_gen": [
      ("GEN_BUS", 1), ("PG", 2), ("QG", 3), ("QMAX", 4), ("QMIN", 5), ("VG", 6), ("MBASE", 7), ("GEN_STATUS", 8), ("PMAX", 9),
      ("PMIN", 10), ("MU_PMAX", 22), ("MU_PMIN", 23), ("MU_QMAX", 24), ("MU_QMIN", 25), ("PC1", 11), ("PC2", 12),
      ("QC1MIN", 13), ("QC1MAX", 14), ("QC2MIN", 15), ("QC2MAX", 16), ("RAMP_AGC", 17), ("RAMP_10", 18), ("RAMP_30", 19),
      ("RAMP_Q", 20), ("APF", 21),
    ],
    "idx_cost": [("PW_LINEAR", 1), ("POLYNOMIAL", 2), ("MODEL", 1), ("STARTUP", 2), ("SHUTDOWN", 3), ("NCOST", 4), ("COST", 5)],
    "idx_ct": [
      ("CT_LABEL", 1), ("CT_PROB", 2), ("CT_TABLE", 3), ("CT_TBUS", 1), ("CT_TGEN", 2), ("CT_TBRCH", 3), ("CT_TAREABUS", 4),
      ("CT_TAREAGEN", 5), ("CT_TAREABRCH", 6), ("CT_ROW", 4), ("CT_COL", 5), ("CT_CHGTYPE", 6), ("CT_REP", 1), ("CT_REL", 2),
      ("CT_ADD", 3), ("CT_NEWVAL", 7), ("CT_TLOAD", 7), ("CT_TAREALOAD", 8), ("CT_LOAD_ALL_PQ", 1), ("CT_LOAD_FIX_PQ", 2),
      ("CT_LOAD_DIS_PQ", 3), ("CT_LOAD_ALL_P", 4), ("CT_LOAD_FIX_P", 5), ("CT_LOAD_DIS_P", 6), ("CT_TGENCOST", 9),
      ("CT_TAREAGENCOST", 10), ("CT_MODCOST_F", -1), ("CT_MODCOST_X", -2),
    ],
  ]

  /// `idx_dcline` returns a struct (`c = idx_dcline; mpc.dcline(:, c.PF)`).
  static let dcline: [String: Double] = [
    "F_BUS": 1, "T_BUS": 2, "BR_STATUS": 3, "PF": 4, "PT": 5, "QF": 6, "QT": 7, "VF": 8, "VT": 9, "PMIN": 10, "PMAX": 11,
    "QMINF": 12, "QMAXF": 13, "QMINT": 14, "QMAXT": 15, "LOSS0": 16, "LOSS1": 17, "MU_PMIN": 18, "MU_PMAX": 19,
    "MU_QMINF": 20, "MU_QMAXF": 21, "MU_QMINT": 22, "MU_QMAXT": 23,
  ]

  /// What MATPOWER's `define_constants` script defines: every output of `idx_bus`,
  /// `idx_brch`, `idx_gen`, `idx_cost` and `idx_ct`.
  static let defineConstants: [(name: String, value: Double)] = ["idx_bus", "idx_brch", "idx_gen", "idx_cost", "idx_ct"]
    .flatMap { functions[$0] ?? [] }

  /// Names that mean a value without being assigned (MATLAB's built-in constants).
  static let builtins: [String: Double] = [
    "pi": .pi, "Inf": .infinity, "inf": .infinity, "NaN": .nan, "nan": .nan, "eps": .ulpOfOne, "true": 1, "false": 0,
  ]
}
