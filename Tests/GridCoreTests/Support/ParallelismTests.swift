import Foundation
import Synchronization
import Testing

@testable import GridCore

/// GridCore's one concurrency model: results do not depend on the number of threads.
struct ParallelismTests {
  @Test func mapKeepsOrderWithUnevenPieces() {
    for threads in [1, 2, 3, 8] {
      let values = Parallelism(threads: threads).map(200) { k -> Int in
        // Uneven work, so that later pieces often finish first.
        var x = 0.0
        for i in 0..<((200 - k) * 200) { x += Double(i).squareRoot() }
        return x > -1 ? k : -1
      }
      #expect(values == Array(0..<200), "\(threads) threads")
    }
    #expect(Parallelism(threads: 0).threads == 1)
  }

  struct Stop: Error {}

  @Test func produceInOrderConsumesInOrderAndStopsOnError() {
    var seen: [Int] = []
    Parallelism(threads: 4).produceInOrder(50) { $0 } consume: { seen.append($0) }
    #expect(seen == Array(0..<50))
    var consumed = 0
    #expect(throws: Stop.self) {
      try Parallelism(threads: 2).produceInOrder(1000) { $0 } consume: { k in
        if k == 3 { throw Stop() }
        consumed += 1
      }
    }
    #expect(consumed == 3)
    // An error in a later batch: no further batch is produced.
    let produced = Mutex(0)
    consumed = 0
    #expect(throws: Stop.self) {
      try Parallelism(threads: 2).produceInOrder(1000) { k in
        produced.withLock { $0 += 1 }
        return k
      } consume: { k in
        if k == 9 { throw Stop() }
        consumed += 1
      }
    }
    #expect(consumed == 9)
    // Pieces 0–9 were produced; at most 4 × 2 = 8 are started and not consumed, and piece 9
    // counts as consumed: nothing after piece 17 was started.
    let count = produced.withLock { $0 }
    #expect(count >= 10 && count <= 18, "\(count) pieces produced")
  }

  /// The pieces of a pipeline run ahead of the consumer by at most `4 × threads`, whatever the
  /// speed of either side, and the consumer sees them in order.
  @Test(arguments: [2, 3])
  func produceInOrderKeepsAFewPiecesAhead(threads: Int) {
    let started = Mutex(0)
    var seen: [Int] = [], mostAhead = 0, elsewhere = 0
    let caller = pthread_self()
    Parallelism(threads: threads).produceInOrder(300) { k in
      started.withLock { $0 += 1 }
      var x = 0.0  // uneven work
      for i in 0..<((k % 7) * 3000) { x += Double(i).squareRoot() }
      return x > -1 ? k : -1
    } consume: { k in
      mostAhead = max(mostAhead, started.withLock { $0 } - seen.count)
      if pthread_equal(pthread_self(), caller) == 0 { elsewhere += 1 }
      seen.append(k)
      if k % 50 == 0 { usleep(2000) }  // a slow sink now and then
    }
    #expect(seen == Array(0..<300))
    #expect(elsewhere == 0, "consumed off the calling thread")
    // The piece being consumed counts as started, not yet as seen.
    #expect(mostAhead <= 4 * threads + 1, "\(mostAhead) pieces started and not consumed")
  }

  /// A case large enough for every parallel step (matrices read on several threads, branches
  /// built beside buses, KLU's ordering beside B for series capacitors, JSON in pieces): the
  /// report is the same byte for byte on one thread and on several.
  @Test func aLargeCaseGivesTheSameBytesOnOneThreadAndOnSeveral() throws {
    let n = 6_000
    let buses = (1...n).map { busRow($0, type: $0 == 1 ? 3 : 1, pd: Double($0 % 7)) }
    // A ring with chords; every 50th branch a series capacitor in a strong loop, so B goes to KLU.
    var branches = (1..<n).map { branchRow($0, $0 + 1, x: $0 % 50 == 0 ? -0.002 : 0.01 + Double($0 % 97) * 1e-4) }
    branches += stride(from: 1, to: n - 10, by: 3).map { branchRow($0, $0 + 10, x: 0.02 + Double($0 % 13) * 1e-3) }
    let text = caseText(bus: buses, gen: [genRow(1, pg: 0), genRow(n / 2, pg: 9000)], branch: branches)
    #expect(text.utf8.count > 1 << 18)
    func report(_ parallelism: Parallelism) throws -> [UInt8] {
      let network = try MatpowerReader.parse(bytes: Array(text.utf8), file: "large.m", parallelism: parallelism).network
      let system = try DCSystem(network, backend: .sparse, parallelism: parallelism)
      let report = FlowReport(system: system, result: try system.solve())
      var bytes: [UInt8] = []
      report.writeJSON(parallelism: parallelism) { bytes += $0 }
      return bytes
    }
    let serial = try report(.serial)
    #expect(serial.count > 1_000_000)
    for threads in [2, 3] { #expect(try report(Parallelism(threads: threads)) == serial, "\(threads) threads") }
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
