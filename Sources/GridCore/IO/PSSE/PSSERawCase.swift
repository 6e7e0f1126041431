/// The data of a PSS/E RAW file that the conversion uses, field by field as written
/// (PSS/E units: MW, Mvar, kV, p.u., degrees), with PSS/E's defaults for blank fields.
/// Every element keeps where its record is, for later messages.
struct PSSERawCase {
  var revision = 33
  /// IC: 0 for a base case, 1 for a change case.
  var changeCode = 0
  /// SBASE, MVA.
  var baseMVA = 100.0
  /// The two title lines, trimmed.
  var titles: [String] = []
  var buses: [Bus] = []
  var loads: [Load] = []
  var fixedShunts: [FixedShunt] = []
  var generators: [Generator] = []
  /// Non-transformer branches, then (revisions 34–35) system switching devices, in file order.
  var branches: [Branch] = []
  var transformers: [Transformer] = []
  /// Area number → ARNAME (trimmed, blank names left out).
  var areaNames: [Int: String] = [:]
  var dcLines: [DCLine] = []
  var switchedShunts: [SwitchedShunt] = []

  struct Bus {
    var number: Int
    var name: String
    var baseKV: Double
    /// IDE: 1 load, 2 generator, 3 swing, 4 isolated.
    var type: Int
    /// GL, BL on the bus record (revisions up to 30), MW / Mvar at 1 p.u.
    var gl = 0.0, bl = 0.0
    var area: Int, zone: Int, owner: Int
    var vm: Double, va: Double
    var vmax: Double, vmin: Double
    var source: SourceLocation
  }

  struct Load {
    /// Position of the bus in ``PSSERawCase/buses``.
    var bus: Int
    var inService: Bool
    /// Constant power PL, QL (MW, Mvar), constant current IP, IQ and admittance YP, YQ
    /// (MW, Mvar at 1 p.u.).
    var pl: Double, ql: Double, ip: Double, iq: Double, yp: Double, yq: Double
    var source: SourceLocation
  }

  struct FixedShunt {
    var bus: Int
    var inService: Bool
    var gl: Double, bl: Double
  }

  struct Generator {
    var bus: Int
    var id: String
    var pg: Double, qg: Double, qt: Double, qb: Double, vs: Double, mbase: Double
    var inService: Bool
    var pt: Double, pb: Double
    var source: SourceLocation
  }

  struct Branch {
    var from: Int, to: Int
    var circuit: String
    var name: String
    var r: Double, x: Double, b: Double
    var rates: (Double, Double, Double)
    /// Line shunts at the I and J ends (p.u.): GI, BI, GJ, BJ.
    var gi: Double, bi: Double, gj: Double, bj: Double
    var inService: Bool
    /// A system switching device (revisions 34–35), not a line.
    var isSwitch: Bool
    var source: SourceLocation
    /// Where X is, for a zero-reactance message.
    var reactanceSource: SourceLocation
  }

  struct Winding {
    /// WINDV: ratio (CW 1: p.u. of bus kV; 2: kV; 3: p.u. of NOMV).
    var ratio: Double
    /// NOMV, kV; 0 means the bus base voltage.
    var nominalKV: Double
    /// ANG, degrees.
    var angle: Double
    var rates: (Double, Double, Double)
    var source: SourceLocation
  }

  struct Transformer {
    /// Positions in ``PSSERawCase/buses`` of I, J and (three windings) K.
    var buses: [Int]
    var circuit: String
    var name: String
    /// CW, CZ: how winding ratios and impedances are given (1, 2 or 3).
    var cw: Int, cz: Int
    /// STAT: 0 out; 1 in; three windings: 2, 3, 4 = only winding 2, 3, 1 out.
    var status: Int
    /// R, X, SBASE of I–J, then (three windings) J–K and K–I.
    var impedances: [(r: Double, x: Double, sbase: Double)]
    /// VMSTAR, ANSTAR of the star point (three windings).
    var starVM: Double, starVA: Double
    var windings: [Winding]
    var source: SourceLocation
    var impedanceSource: SourceLocation
  }

  struct DCLine {
    var name: String
    /// MDC: 0 blocked, 1 power, 2 current control.
    var mode: Int
    /// SETVL: MW (MDC 1) or A (MDC 2); VSCHD, kV.
    var setValue: Double, scheduledKV: Double
    var rectifier: Int, inverter: Int
    /// ANMXR, ANMNR, ANMXI, ANMNI, degrees.
    var rectifierAngles: (max: Double, min: Double), inverterAngles: (max: Double, min: Double)
    var source: SourceLocation
  }

  struct SwitchedShunt {
    var bus: Int
    /// BINIT, Mvar at 1 p.u.
    var initialMVAr: Double
  }
}
