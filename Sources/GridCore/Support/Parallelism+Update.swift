import Synchronization

extension Parallelism {
  /// `for i in values.indices { body(i, &values[i]) }`, the calls spread over at most
  /// ``threads`` threads when `worthIt` (waking a pool thread costs more than small work
  /// takes): each element is updated in place by exactly one piece.
  ///
  /// For values that own large arrays (a block's flows, a set of histograms) kept from call to
  /// call: each element is moved (not copied) to the piece that updates it and back, so its
  /// arrays stay uniquely referenced and are written in place, with no copy and no fresh
  /// memory. The caller's array must not be shared (it is not, when it is a stored property
  /// updated through `inout`). The elements are independent, so the result is the same
  /// whatever the number of threads.
  func update<Value: Sendable>(
    _ values: inout [Value], worthIt: Bool = true, _ body: @Sendable (Int, inout Value) -> Void
  ) {
    guard worthIt, min(threads, values.count) > 1 else {
      for i in values.indices { body(i, &values[i]) }
      return
    }
    // popLast moves each element out of the (unshared) array, so its box holds the only reference.
    var slots: [UpdateSlot<Value>] = []
    slots.reserveCapacity(values.count)
    while let value = values.popLast() { slots.append(UpdateSlot(value)) }
    slots.reverse()
    let shared = slots
    _ = map(shared.count) { i in shared[i].update { body(i, &$0) } }
    values = shared.map { $0.take() }
  }
}

/// One element of ``Parallelism/update(_:_:)`` while it is away from its array: a lock around
/// it makes the box `Sendable` without `@unchecked` (the lock is taken by one piece only, so
/// it is never contended).
private final class UpdateSlot<Value: Sendable>: Sendable {
  private let value: Mutex<Value?>

  init(_ value: consuming Value) { self.value = Mutex(value) }

  func update(_ body: (inout Value) -> Void) {
    value.withLock { slot in
      guard var element = slot.take() else { preconditionFailure("UpdateSlot: element already taken") }
      body(&element)
      slot = element
    }
  }

  func take() -> Value {
    value.withLock { slot in
      guard let element = slot.take() else { preconditionFailure("UpdateSlot: element already taken") }
      return element
    }
  }
}
