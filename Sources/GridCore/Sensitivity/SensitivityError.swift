/// Why a sensitivity, contingency or transfer study cannot be done, with the element
/// or file location involved. Printed by gridtool as `Error: <description>` (exit 1).
public enum SensitivityError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A solve of a reduced B failed (see ``PowerFlowError``).
  case powerFlow(PowerFlowError)
  /// A bus given by the caller (number or name) is not in the network.
  case unknownBus(String)
  /// A branch given by the caller (1-based row or name) is not in the network.
  case unknownBranch(String)
  /// A group, region, corridor or tag given by the caller matches nothing.
  case unknownGroup(String)
  /// An HVDC link given by the caller (1-based row or name) is not in the network.
  case unknownLink(String)
  /// A generator position outside the network.
  case unknownGenerator(String)
  /// A slack bus or weight vector that cannot take up a balance: isolated, outside every
  /// solvable island, or with weights that are negative or sum to zero.
  case invalidSlack(String)
  /// A transfer whose source or sink has no bus in the model, whose weights sum to zero,
  /// or whose ends lie in different islands (each island balances itself).
  case invalidTransfer(String, at: SourceLocation?)

  /// The failure and what to give instead, as gridtool prints it after `Error: `.
  public var description: String {
    switch self {
    case .powerFlow(let error): return error.description
    case .unknownBus(let text): return "unknown bus '\(text)': give a bus number or name of the network"
    case .unknownBranch(let text): return "unknown branch '\(text)': give a 1-based branch row, a range such as 3-7, or a line name"
    case .unknownGroup(let text):
      return "'\(text)' is neither a group (corridor, region, ring) nor a bus tag ('tag:…') nor a list of buses of the network"
    case .unknownLink(let text): return "unknown HVDC link '\(text)': give a 1-based link row or the link's name"
    case .unknownGenerator(let text): return "unknown generator '\(text)': give a 1-based generator row or the generator's name"
    case .invalidSlack(let text): return "invalid slack: \(text)"
    case .invalidTransfer(let text, let location):
      if let location { return "\(location): invalid transfer: \(text)" }
      return "invalid transfer: \(text)"
    }
  }
}
