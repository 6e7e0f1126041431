import Foundation

/// When gridtool's `main` began (set there): the first phase counts from it, since the
/// network file is read while the arguments are parsed.
nonisolated(unsafe) var mainStarted = ContinuousClock.now

/// Wall-clock time per phase of a command, for `--timings`.
struct PhaseClock {
  let enabled: Bool
  private var last = mainStarted
  private let start = mainStarted
  private var phases: [(String, Duration)] = []

  init(enabled: Bool) { self.enabled = enabled }

  mutating func mark(_ phase: String) {
    guard enabled else { return }
    let now = ContinuousClock.now
    phases.append((phase, now - last))
    last = now
  }

  func report() {
    guard enabled else { return }
    func ms(_ d: Duration) -> String {
      let c = d.components
      return Fmt.fixed(Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15, 2)
    }
    var table = TextTable(["phase", "ms"])
    for (name, d) in phases { table.add([name, ms(d)]) }
    table.add(["total (from the start of main)", ms(last - start)])
    Terminal.warn(table.render())
  }
}
