/// Position of each bus id in a bus list: the ext→int map of MATPOWER's `ext2int`.
///
/// Bus numbers are usually dense (1…n, or a few gaps), so the lookup is an array
/// indexed by number; only widely spread numbers fall back to hashing. Every
/// reader, model builder and report that maps ids to positions uses this one type.
public struct BusIndex: Sendable {
  private let offset: Int
  /// position + 1 per id − offset; 0 means "no such bus".
  private let table: [Int32]
  private let hashed: [BusID: Int]
  /// Position of the first id that appeared twice, if any (the second occurrence).
  public let firstDuplicate: Int?

  /// The index of `ids`: position p of the array is the position of `ids[p]`. When an id
  /// appears twice, the first occurrence wins and ``firstDuplicate`` names the second.
  /// O(n) time; memory O(n) or O(highest − lowest number) when the numbers are dense.
  public init(_ ids: [BusID]) {
    let numbers = ids.map(\.rawValue)
    let low = numbers.min() ?? 0, high = numbers.max() ?? -1
    var duplicate: Int? = nil
    if !ids.isEmpty, high - low < 4 * ids.count + 1024, ids.count < Int(Int32.max) {
      var table = [Int32](repeating: 0, count: high - low + 1)
      for (p, n) in numbers.enumerated() {
        if table[n - low] != 0 {
          if duplicate == nil { duplicate = p }
          continue
        }
        table[n - low] = Int32(p + 1)
      }
      self.offset = low
      self.table = table
      self.hashed = [:]
    } else {
      var hashed: [BusID: Int] = [:]
      hashed.reserveCapacity(ids.count)
      for (p, id) in ids.enumerated() where hashed[id] == nil { hashed[id] = p }
      if hashed.count != ids.count {
        var seen = Set<BusID>()
        duplicate = ids.indices.first { !seen.insert(ids[$0]).inserted }
      }
      self.offset = 0
      self.table = []
      self.hashed = hashed
    }
    self.firstDuplicate = duplicate
  }

  /// The index of a bus list (positions in `buses`, e.g. ``Network/buses``).
  public init(_ buses: [Bus]) { self.init(buses.map(\.id)) }

  /// Position of the bus with this id, nil when there is none.
  @inline(__always) public subscript(id: BusID) -> Int? {
    if table.isEmpty { return hashed[id] }
    let slot = id.rawValue - offset
    guard slot >= 0, slot < table.count else { return nil }
    let p = table[slot]
    return p == 0 ? nil : Int(p) - 1
  }
}
