import ArgumentParser
import GridCore

extension SlackDistribution {
  /// How a report names the slack.
  func label(_ network: Network, rule: ParticipationRule?) -> String {
    switch self {
    case .reference: return "reference"
    case .bus(let p): return "bus \(network.buses[p].id)"
    case .weights: return rule.map { "distributed (\($0.rawValue))" } ?? "distributed (weights)"
    }
  }
}

extension MatrixFormat: ExpressibleByArgument {}
extension ParticipationRule: ExpressibleByArgument {}
extension HVDCOutageRule: ExpressibleByArgument {}
extension RatingSet: ExpressibleByArgument {}
