/// The external bus number of a bus, as written in the input (MATPOWER `BUS_I`).
///
/// External numbers are arbitrary positive integers; dense internal positions
/// are plain `Int`s, looked up through ``BusIndex``.
public struct BusID: RawRepresentable, Sendable, Hashable, Codable, Comparable,
  CustomStringConvertible
{
  /// The bus number as written in the file.
  public var rawValue: Int
  /// The id of bus number `rawValue`.
  public init(rawValue: Int) { self.rawValue = rawValue }
  /// The id of bus number `value`: `BusID(7)`.
  public init(_ value: Int) { self.rawValue = value }
  /// The number, e.g. `7`, as messages and reports print it.
  public var description: String { String(rawValue) }
  /// Orders ids by number.
  public static func < (a: BusID, b: BusID) -> Bool { a.rawValue < b.rawValue }
}
