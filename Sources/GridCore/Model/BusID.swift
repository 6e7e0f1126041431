/// The external bus number of a bus, as written in the input (MATPOWER `BUS_I`).
///
/// External numbers are arbitrary positive integers; dense internal positions
/// are plain `Int`s produced only by ``BusIndexing``.
public struct BusID: RawRepresentable, Sendable, Hashable, Codable, Comparable,
  CustomStringConvertible
{
  public var rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
  public init(_ value: Int) { self.rawValue = value }
  public var description: String { String(rawValue) }
  public static func < (a: BusID, b: BusID) -> Bool { a.rawValue < b.rawValue }
}
