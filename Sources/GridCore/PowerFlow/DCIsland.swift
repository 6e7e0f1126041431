/// One connected part of the network as the DC model sees it.
public struct DCIsland: Sendable {
  /// 0-based island number, in order of each island's first bus in the file.
  public let index: Int
  /// Internal indices of the island's buses.
  public let buses: [Int]
  /// Internal indices of the buses whose angle is fixed (the REF buses with an
  /// in-service generator, or a promoted one); empty when the island has no generation.
  public let referenceBuses: [Int]
  /// Input position of the generator that takes up the balance at each reference bus
  /// (the first in-service generator there, as in MATPOWER), parallel to `referenceBuses`.
  public let slackGenerators: [Int]
  /// True when no REF bus with generation existed and one was chosen (``DCSystem/referenceRule``).
  public let promotedReference: Bool

  /// Internal bus of each unknown angle (island buses minus references), in bus order.
  let unknowns: [Int]
  /// B restricted to the unknowns (`B[unknowns, unknowns]`).
  let reducedB: SparseMatrix
  /// `B[unknown, reference]` entries, to move the reference angles to the right-hand side.
  let referenceCoupling: [(row: Int, reference: Int, value: Double)]
  let factorization: (any SymmetricFactorization)?

  /// An island without generation cannot be solved; its buses are reported as unsolved.
  public var isSolvable: Bool { !referenceBuses.isEmpty }
  /// Method used to factor the island's reduced B, if any.
  public var factorizationMethod: FactorizationMethod? { factorization?.method }
}
