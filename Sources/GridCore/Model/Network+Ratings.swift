extension Network {
  /// The network with `ratingMW` as the long-term rating (RATE_A) of every branch that has
  /// none (RATE_A = 0, unlimited); rated branches keep theirs. For screens of cases without
  /// ratings (e.g. MATPOWER's case118), where nothing would otherwise be monitored.
  /// RATE_B and RATE_C of 0 fall back to RATE_A (``RatingSet``), so they follow.
  public func withDefaultRating(_ ratingMW: Double) -> Network {
    precondition(ratingMW > 0 && ratingMW.isFinite, "a default rating must be a positive number of MW")
    var copy = self
    for k in copy.branches.indices where copy.branches[k].ratingMW <= 0 { copy.branches[k].ratingMW = ratingMW }
    return copy
  }

  /// Number of branches with a long-term rating (RATE_A > 0).
  public var ratedBranchCount: Int { branches.reduce(0) { $0 + ($1.ratingMW > 0 ? 1 : 0) } }
}
