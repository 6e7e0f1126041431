/// One comparison of a model figure with a published one (`gridtool validate`).
public struct ValidationCheck: Sendable {
  /// How `model` must relate to `published` to pass.
  public enum Comparison: String, Sendable {
    /// |model − published| ≤ tolerance.
    case within
    /// model ≤ published + tolerance (published is an upper bound).
    case atMost = "at_most"
    /// model ≥ published − tolerance (published is a lower bound).
    case atLeast = "at_least"
  }

  /// `1a`, `1b`, … : the group number of the five checks and a letter.
  public var id: String
  /// The check (1–5) this row belongs to.
  public var group: Int
  /// What is compared, e.g. "Jiquan energy sent 2024".
  public var name: String
  /// The published figure, in `unit`.
  public var published: Double
  /// The model's figure, in `unit` (converted from MWh, MW, h or % by ``FactUnit/from(base:)``).
  public var model: Double
  /// Symbol of the unit of both figures and of the tolerance: a ``FactUnit`` raw value
  /// (`TWh`, `GWh`, `MWh`, `GW`, `MW`, `h`, `%`).
  public var unit: String
  /// Absolute, in `unit`.
  public var tolerance: Double
  /// How the figures must relate.
  public var comparison: Comparison
  /// What a check can show (`gridtool validate`'s `kind` column).
  public enum Kind: String, Sendable, CaseIterable {
    /// The model was fitted to the figure: the check only shows the calibration held.
    case calibration
    /// A published figure against another published figure (the model plays no part).
    case sourceConsistency = "source consistency"
    /// The model against a fact it was not fitted to: a real test.
    case independent
    /// A bound so wide that passing says little (e.g. a rating × the hours of the year).
    case sanityBound = "sanity bound"
  }

  /// What the check can show.
  public var kind: Kind
  /// True for ``Kind/independent`` checks (the model was not tuned to this figure).
  public var independent: Bool { kind == .independent }
  /// Where the published figure comes from (facts sheet section, reference, tag).
  public var source: String
  /// How the two figures were obtained.
  public var basis: String

  /// model − published, in `unit`.
  public var difference: Double { model - published }

  /// True when the check passes (``Comparison``, with a 10⁻⁹ relative slack for figures met exactly).
  public var pass: Bool {
    // A hair of slack for decimal figures that are met exactly (e.g. 68.373 TWh from whole MW).
    let slack = 1e-9 * max(1, abs(published))
    switch comparison {
    case .within: return abs(difference) <= tolerance + slack
    case .atMost: return model <= published + tolerance + slack
    case .atLeast: return model >= published - tolerance - slack
    }
  }
}

/// The outcome of `gridtool validate`: every check, and the studies behind them.
public struct ValidationReport: Sendable {
  /// Name of the scenario of the run.
  public var scenarioName: String
  /// The facts file's `name` (``PublishedFacts/name``).
  public var factsName: String
  /// The facts file's path as given (``PublishedFacts/file``).
  public var factsFile: String
  /// Number of hours of the run: the period that the model's annual figures cover.
  public var hours: Int
  /// Every check, in the order of the five groups.
  public var checks: [ValidationCheck]
  /// The export-limit study of older reports (N-0, one supply area); nil in this version,
  /// which bounds Jiquan with an N-1 SCOPF instead (``jiquanBound``).
  public var exportLimit: ExportLimitResult?
  /// The year's N-1 screen (`gridtool contingency` on the scenario), when it ran.
  public var security: ScenarioSecuritySummary?
  /// The run that maximised Jiquan hour by hour under N-1 (its OPF summary names what
  /// limited it), when it ran.
  public var jiquanBound: ScenarioOPFSummary.FreeLink?
  /// Checks that pass, of `independent` kind, and independent ones that pass.
  public var passCount: Int { checks.filter(\.pass).count }
  /// Checks of ``ValidationCheck/Kind/independent`` kind.
  public var independentCount: Int { checks.filter(\.independent).count }
  /// Independent checks that pass.
  public var independentPassCount: Int { checks.filter { $0.independent && $0.pass }.count }
  /// "N of M pass; K independent, of which J pass".
  public var summaryLine: String {
    "\(passCount) of \(checks.count) pass; \(independentCount) independent, of which \(independentPassCount) pass"
  }

  /// True when every check passes (`gridtool validate` exits 0; otherwise 3).
  public var passed: Bool { checks.allSatisfy(\.pass) }
}
