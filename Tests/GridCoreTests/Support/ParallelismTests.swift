import Testing

@testable import GridCore

/// GridCore's one concurrency model: results in a fixed order, whatever the number of threads.
struct ParallelismTests {
  @Test(arguments: [1, 2, 4])
  func mapKeepsTheOrderOfItsPieces(threads: Int) {
    let squares = Parallelism(threads: threads).map(100) { $0 * $0 }
    #expect(squares == (0..<100).map { $0 * $0 })
  }

  /// Every element is updated once, in place, by the piece of its index; large arrays inside
  /// the elements come back with the values the pieces wrote.
  @Test(arguments: [1, 2, 4])
  func updateChangesEveryElementOnce(threads: Int) {
    var values = (0..<37).map { [Double](repeating: Double($0), count: 1000) }
    Parallelism(threads: threads).update(&values) { i, value in
      for k in value.indices { value[k] += Double(i) + 0.5 }
    }
    #expect(values.count == 37)
    for (i, value) in values.enumerated() { #expect(value == [Double](repeating: 2 * Double(i) + 0.5, count: 1000)) }
  }

  @Test func updateNotWorthItRunsOnTheCallingThread() {
    var values = [0, 1, 2]
    Parallelism(threads: 4).update(&values, worthIt: false) { i, value in value += i }
    #expect(values == [0, 2, 4])
  }
}
