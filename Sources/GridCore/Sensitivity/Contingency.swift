/// One outage studied by the contingency screen. Positions are 0-based input positions
/// (`Network.branches`, `Network.hvdcLinks`); reports print them 1-based.
public enum Contingency: Sendable, Hashable {
  /// The whole branch trips (every circuit it stands for). MATPOWER's `BR_STATUS = 0`.
  case branch(Int)
  /// One circuit of a branch that stands for `c ≥ 2` identical parallel circuits (native
  /// format `circuits: c`): its susceptance and its rating drop by 1/c. Never islands.
  case circuit(Int)
  /// One pole of a link with `p ≥ 2` poles (physical loss model) blocks: the link goes on at
  /// `(p − 1)/p` of its set-point on the healthy poles (no pole-power compensation), losses
  /// recomputed for `p − 1` poles. The power it no longer takes is handled by ``HVDCOutageRule``.
  case hvdcPole(Int)
  /// The whole link blocks: it takes and delivers nothing.
  case hvdcLink(Int)
  /// The generator trips (MATPOWER's `GEN_STATUS = 0`): its output at the operating point is
  /// lost and its island's reference bus — the slack generator — takes it up, as a DC power
  /// flow without the generator would. Tripping a generator at the reference bus changes no flow.
  case generator(Int)

  /// The branch this contingency trips, if it is a branch outage.
  public var branch: Int? {
    switch self {
    case .branch(let k), .circuit(let k): return k
    case .hvdcPole, .hvdcLink, .generator: return nil
    }
  }

  /// The HVDC link this contingency trips, if any.
  public var link: Int? {
    switch self {
    case .hvdcPole(let k), .hvdcLink(let k): return k
    case .branch, .circuit, .generator: return nil
    }
  }

  /// The generator this contingency trips, if any.
  public var generator: Int? {
    if case .generator(let g) = self { return g }
    return nil
  }

  /// `branch`, `circuit`, `hvdc_pole`, `hvdc_link` or `generator`, as the JSON and CSV reports write it.
  public var kind: String {
    switch self {
    case .branch: return "branch"
    case .circuit: return "circuit"
    case .hvdcPole: return "hvdc_pole"
    case .hvdcLink: return "hvdc_link"
    case .generator: return "generator"
    }
  }

  /// A short label: `branch 7`, `circuit of branch 7`, `pole of HVDC jiquan`, `HVDC jiquan`,
  /// `generator 3 at bus 30`.
  public func label(in network: Network) -> String {
    func branchName(_ k: Int) -> String {
      let name = network.branches[k].name
      return name.isEmpty ? "branch \(k + 1)" : "branch \(k + 1) (\(name))"
    }
    func linkName(_ k: Int) -> String {
      let name = network.hvdcLinks[k].name
      return name.isEmpty ? "HVDC link \(k + 1)" : "HVDC \(name)"
    }
    switch self {
    case .branch(let k): return branchName(k)
    case .circuit(let k): return "one circuit of \(branchName(k))"
    case .hvdcPole(let k): return "one pole of \(linkName(k))"
    case .hvdcLink(let k): return linkName(k)
    case .generator(let g):
      let gen = network.generators[g]
      return "generator \(g + 1)\(gen.name.isEmpty ? "" : " (\(gen.name))") at bus \(gen.bus)"
    }
  }
}

/// What happens to the power an HVDC link no longer carries after a pole or link trip.
public enum HVDCOutageRule: String, Sendable, Hashable, CaseIterable {
  /// Generator tripping at the sending end (the usual special protection of a UHVDC
  /// bipole): the in-service generators at the sending converter bus drop the power the
  /// link no longer takes, pro rata to their output and at most down to 0; what they cannot
  /// drop, and the power no longer delivered at a receiving bus inside the model, is taken
  /// up by the island's slack generator. The default.
  case curtail
  /// The island's slack generator takes up the whole imbalance, as a new power flow with the
  /// link (or pole) out of service would.
  case slack
}

/// Which branch rating limits post-contingency flows. The base case (N-0) is always
/// checked against RATE_A.
public enum RatingSet: String, Sendable, Hashable, CaseIterable {
  /// RATE_A, the long-term rating.
  case a
  /// RATE_B, short-term; RATE_A where RATE_B is 0.
  case b
  /// RATE_C, emergency; RATE_A where RATE_C is 0.
  case c

  /// The rating of a branch, MW; 0 means unlimited.
  public func rating(of branch: Branch) -> Double {
    let chosen: Double
    switch self {
    case .a: chosen = branch.ratingMW
    case .b: chosen = branch.shortTermRatingMW
    case .c: chosen = branch.emergencyRatingMW
    }
    return chosen > 0 ? chosen : branch.ratingMW
  }
}

/// The settings of a contingency screen (``ContingencyAnalysis``, ``SecurityScreen``,
/// ``TransferStudy``).
public struct ContingencyOptions: Sendable, Hashable {
  /// Branches checked against their ratings (input positions); nil: every branch in the
  /// model that has a rating.
  public var monitored: [Int]?
  /// Outages studied; nil: every in-service branch (``Contingency/branch(_:)``, or
  /// ``Contingency/circuit(_:)`` with `perCircuit`), then for each HVDC link in service with
  /// a non-zero set-point the trip of one pole (links with ≥ 2 poles) and of the whole link.
  public var contingencies: [Contingency]?
  /// Include HVDC pole and link trips in the default list.
  public var includeHVDC: Bool
  /// In the default list, a branch that stands for several circuits loses one circuit
  /// instead of all of them.
  public var perCircuit: Bool
  /// What happens to the power an HVDC trip no longer carries.
  public var hvdcRule: HVDCOutageRule
  /// Post-contingency rating.
  public var rating: RatingSet
  /// Loading above which a branch is in violation, % of its rating.
  public var limitPct: Double

  /// The settings of a screen; the defaults are `gridtool contingency`'s: every branch with a
  /// rating monitored, the default outage list with HVDC trips, whole branches, generator
  /// tripping for HVDC (``HVDCOutageRule/curtail``), RATE_A, violation above 100 %.
  public init(
    monitored: [Int]? = nil, contingencies: [Contingency]? = nil, includeHVDC: Bool = true, perCircuit: Bool = false,
    hvdcRule: HVDCOutageRule = .curtail, rating: RatingSet = .a, limitPct: Double = 100
  ) {
    self.monitored = monitored
    self.contingencies = contingencies
    self.includeHVDC = includeHVDC
    self.perCircuit = perCircuit
    self.hvdcRule = hvdcRule
    self.rating = rating
    self.limitPct = limitPct
  }
}
