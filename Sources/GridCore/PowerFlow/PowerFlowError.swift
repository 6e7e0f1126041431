/// Why a network cannot be solved, with the buses or file involved.
public enum PowerFlowError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No island has an in-service generator: there is nothing to take up the balance.
  case noGeneration(network: String)
  /// An island's reduced B matrix could not be factored or solved accurately.
  case singularIsland(island: Int, buses: [BusID], reason: LinearAlgebraError)
  /// An input value that makes the model meaningless.
  case invalidInput(String)
  /// A sum or a result that overflows to ±Inf or NaN although every value read was finite
  /// (two loads of 1e308 MW at one bus): what overflowed, and the largest values involved,
  /// each with its place in the file.
  case nonFinite(quantity: String, culprits: [String])

  /// The failure and what to check, as gridtool prints it after `Error: `.
  public var description: String {
    switch self {
    case .noGeneration(let network):
      return "\(network): no reference bus and no in-service generator to promote; the network cannot be balanced (add a generator or mark a bus as reference, type 3)"
    case .singularIsland(let island, let buses, let reason):
      let list = buses.prefix(12).map(\.description).joined(separator: ", ")
      return "island \(island + 1) (buses \(list)\(buses.count > 12 ? ", ..." : "")): \(reason); check for parallel branches whose reactances cancel or a zero-impedance loop"
    case .invalidInput(let text):
      return text
    case .nonFinite(let quantity, let culprits):
      return "\(quantity) is not a finite number (beyond ±1.8e308)"
        + (culprits.isEmpty ? "" : "; the largest values: \(culprits.joined(separator: ", "))") + "; check these values and their units"
    }
  }
}
