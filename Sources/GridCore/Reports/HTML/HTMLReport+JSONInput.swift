extension HTMLReport {
  /// A report of a JSON result that gridtool wrote (stub).
  public init(json bytes: [UInt8], source: String, network: Network?) throws(ReportInputError) {
    throw ReportInputError(message: "\(source): JSON input is not supported yet")
  }
}

/// An input `gridtool report` cannot make a report of.
public struct ReportInputError: Error, CustomStringConvertible, Sendable {
  /// What is wrong, naming the file.
  public var message: String
  public var description: String { message }
}
