/// Column layout of MATPOWER case matrices (version 2), defined once by name
/// as in MATPOWER's `caseformat` / `idx_bus` / `idx_gen` / `idx_brch` / `idx_dcline`.
/// Indices are 0-based here; MATPOWER's documentation counts from 1.
enum MatpowerColumns {
  enum BusColumn: Int, CaseIterable {
    case number = 0, type, pd, qd, gs, bs, area, vm, va, baseKV, zone, vmax, vmin
  }
  enum GenColumn: Int, CaseIterable {
    case bus = 0, pg, qg, qmax, qmin, vg, mBase, status, pmax, pmin
  }
  enum BranchColumn: Int, CaseIterable {
    case from = 0, to, r, x, b, rateA, rateB, rateC, tap, shift, status, angmin, angmax
  }
  enum DCLineColumn: Int, CaseIterable {
    case from = 0, to, status, pf, pt, qf, qt, vf, vt, pmin, pmax, qminf, qmaxf, qmint, qmaxt, loss0, loss1
  }

  /// Columns a row must have. Extra columns (MATPOWER's result columns such as
  /// LAM_P, PF, MU_SF) are ignored: they are outputs, recomputed by any solve.
  static let busRequired = BusColumn.allCases.count  // 13
  static let genRequired = GenColumn.allCases.count  // 10 (PMIN); columns 11–21 optional
  static let genStandard = 21
  static let branchRequired = BranchColumn.allCases.count  // 13
  static let dclineRequired = DCLineColumn.allCases.count  // 17

  static let busHeader = "%\tbus_i\ttype\tPd\tQd\tGs\tBs\tarea\tVm\tVa\tbaseKV\tzone\tVmax\tVmin"
  static let genHeader =
    "%\tbus\tPg\tQg\tQmax\tQmin\tVg\tmBase\tstatus\tPmax\tPmin\tPc1\tPc2\tQc1min\tQc1max\tQc2min\tQc2max\tramp_agc\tramp_10\tramp_30\tramp_q\tapf"
  static let branchHeader = "%\tfbus\ttbus\tr\tx\tb\trateA\trateB\trateC\tratio\tangle\tstatus\tangmin\tangmax"
  static let dclineHeader =
    "%\tfbus\ttbus\tstatus\tPf\tPt\tQf\tQt\tVf\tVt\tPmin\tPmax\tQminF\tQmaxF\tQminT\tQmaxT\tloss0\tloss1"
}
