@testable import GridCore

/// `mpc.gencost` rows, one per string (`"2 0 0 2 10 0"` is 10 $/MWh).
func gencost(_ rows: [String]) -> String { "mpc.gencost = [\n\(rows.joined(separator: ";\n"));\n];" }

/// A linear cost of `price` $/MWh (MATPOWER model 2, NCOST 2).
func linearCost(_ price: Double) -> String { "2 0 0 2 \(num(price)) 0" }

/// A generator row with PMIN as well.
func genRow(_ bus: Int, pmin: Double, pmax: Double, status: Int = 1) -> String {
  "\(bus) 0 0 100 -100 1 100 \(status) \(num(pmax)) \(num(pmin))"
}

/// Reads an inline case, builds its OPF with the case's costs and solves it.
func solveOPF(_ text: String) throws -> (problem: DCOPFProblem, result: DCOPFResult) {
  let problem = try DCOPFProblem(system: try DCSystem(try parseCase(text)))
  return (problem, try problem.solve())
}

/// The error solving an inline case's OPF throws; nil when it solves.
func opfError(_ text: String) throws -> DCOPFError? {
  do {
    _ = try solveOPF(text)
    return nil
  } catch let error as DCOPFError {
    return error
  }
}
