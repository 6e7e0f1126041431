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
  public var name: String
  /// The published figure and the model's figure, both in `unit`.
  public var published: Double
  public var model: Double
  public var unit: String
  /// Absolute, in `unit`.
  public var tolerance: Double
  /// How the figures must relate.
  public var comparison: Comparison
  /// True when the model was not tuned to this figure (a real test); false when the check is
  /// true by calibration (it shows the calibration held, nothing more).
  public var independent: Bool
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

/// The outcome of `gridtool validate`: every check, and the export-limit study behind check 4.
public struct ValidationReport: Sendable {
  /// What was compared: the scenario, the facts file (name and path), the hours of the run.
  public var scenarioName: String
  public var factsName: String
  public var factsFile: String
  public var hours: Int
  /// Every check, in the order of the five groups.
  public var checks: [ValidationCheck]
  /// The export-limit study behind check 4.
  public var exportLimit: ExportLimitResult?

  /// True when every check passes (`gridtool validate` exits 0; otherwise 3).
  public var passed: Bool { checks.allSatisfy(\.pass) }
}
