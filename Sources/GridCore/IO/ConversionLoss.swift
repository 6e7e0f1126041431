/// What a network file writer could not carry into its format, for one kind of element: the
/// writers return these beside the text (``NetworkConversion``), and gridtool prints them as
/// warnings (`gridtool convert --strict` refuses to write the file).
///
/// Data the output format has no place for but that gridtool's own reader restores (groups,
/// coordinates and names in `mpc.gridtool_*` fields of a MATPOWER case) is not a loss.
public struct ConversionLoss: Sendable, Hashable, CustomStringConvertible {
  /// The kind of element concerned, as messages name it.
  public enum Element: String, Sendable, Hashable, CaseIterable {
    /// The network as a whole (names, fields without a place).
    case network
    /// Buses.
    case buses
    /// Lines and transformers.
    case branches
    /// Lines (line types).
    case lines
    /// Generators.
    case generators
    /// Named loads.
    case loads
    /// HVDC links.
    case hvdcLinks = "HVDC links"
    /// Rings, corridors, regions and other groups.
    case groups
    /// Generator and HVDC costs.
    case costs
  }

  /// Which elements lose something.
  public var element: Element
  /// How many of them.
  public var count: Int
  /// What is lost or changed, and how the file holds it instead, e.g. "written as demand at
  /// their sending bus (tianzhong, jiquan)".
  public var detail: String

  /// A loss of `detail` for `count` elements of kind `element`.
  public init(_ element: Element, count: Int, _ detail: String) {
    self.element = element
    self.count = count
    self.detail = detail
  }

  /// `HVDC links (2): written as demand at their sending bus (tianzhong, jiquan)`.
  public var description: String { "\(element.rawValue) (\(count)): \(detail)" }

  /// The loss as a warning, `format` naming the output (e.g. "MATPOWER").
  public func diagnostic(writing format: String) -> Diagnostic {
    Diagnostic("not kept in \(format): \(description)")
  }

  /// Up to `limit` names, then "…" and the number left out: `a, b, c and 12 more`.
  static func examples(_ names: [String], limit: Int = 3) -> String {
    let shown = names.prefix(limit).joined(separator: ", ")
    return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
  }
}

/// A network written in a file format: the text, and what the format could not hold.
public struct NetworkConversion: Sendable {
  /// The whole file, ending with a newline.
  public var text: String
  /// Data the file does not keep, per element kind; empty when the conversion is lossless.
  public var losses: [ConversionLoss]

  /// The text of a file and its losses.
  public init(text: String, losses: [ConversionLoss]) {
    self.text = text
    self.losses = losses
  }
}
