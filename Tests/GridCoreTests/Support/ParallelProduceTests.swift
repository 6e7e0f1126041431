import Foundation
import Testing

@testable import GridCore

struct ParallelProduceTests {
  /// Pieces finish out of order on the worker threads; they must still be consumed in order.
  @Test func resultsAreConsumedInOrder() {
    var seen: [Int] = []
    parallelProduceInOrder(200) { k in
      // Uneven work, so that later pieces often finish first.
      var x = 0.0
      for i in 0..<((200 - k) * 500) { x += Double(i).squareRoot() }
      return (k, x > -1)
    } consume: { k, ok in
      #expect(ok)
      seen.append(k)
    }
    #expect(seen == Array(0..<200))
  }

  struct Stop: Error {}

  /// A failing consumer (a full disk) ends the loop with its error instead of hanging.
  @Test func aFailingConsumerStopsAndRethrows() {
    var consumed = 0
    #expect(throws: Stop.self) {
      try parallelProduceInOrder(1000) { k in k } consume: { k in
        if k == 3 { throw Stop() }
        consumed += 1
      }
    }
    #expect(consumed == 3)
  }
}
