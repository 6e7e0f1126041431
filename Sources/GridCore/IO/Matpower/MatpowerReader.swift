import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads MATPOWER version-2 case files (`.m`) as data; nothing is run as code.
///
/// The file is read in the MATPOWER data language (docs/matpower-format.md): the numeric
/// expressions, `idx_*` column constants, element assignments and `if` blocks that case
/// files use, computed by the reader itself with limits on size and work; anything else is
/// an error at its `file:line:column`. Reads `mpc.baseMVA`, `mpc.bus`, `mpc.gen`,
/// `mpc.branch` (required) and `mpc.dcline`, `mpc.bus_name`, `mpc.genfuel` (optional).
/// Other numeric matrices (e.g. `gencost`) are kept unchanged for conversion; other fields
/// are skipped with a diagnostic. A UTF-8 byte-order mark is accepted.
public enum MatpowerReader {
  /// Reads a case file. Errors name `file:line:column`.
  /// - Parameters:
  ///   - path: the file, used as given in locations and messages.
  ///   - parallelism: threads for reading a large file's matrices and building its
  ///     tables; the result does not depend on it.
  /// - Returns: the network (elements in file order) and warnings that did not stop the read.
  public static func read(
    contentsOf path: String, parallelism: Parallelism = .automatic
  ) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    let bytes = try InputFile.bytes(of: path)
    return try parse(bytes: bytes, file: path, parallelism: parallelism)
  }

  /// Reads a case from text already in memory; `file` is used in messages.
  public static func parse(_ text: String, file: String) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    try parse(bytes: Array(text.utf8), file: file)
  }

  /// Reads a case from its bytes (UTF-8 text); `file` is used in messages.
  public static func parse(
    bytes: [UInt8], file: String, parallelism: Parallelism = .automatic
  ) throws(ParseError) -> (network: Network, diagnostics: [Diagnostic]) {
    if bytes.prefix(8192).contains(0) { throw ParseError(.binary, at: SourceLocation(file: file, line: 1)) }
    var parser = MatpowerStatementParser(bytes: bytes, file: file, parallelism: parallelism)
    let raw = try parser.parse()
    var builder = MatpowerCaseBuilder(raw: raw, file: file, bytes: bytes, parallelism: parallelism)
    let network = try builder.build()
    return (network, raw.diagnostics + builder.diagnostics)
  }
}

extension MatpowerReader {
  /// Reads the statements of a case without building the network and returns how
  /// many numbers its matrices hold. For benchmarks of the tokenizer alone.
  public static func countMatrixNumbers(bytes: [UInt8], file: String) throws(ParseError) -> Int {
    var parser = MatpowerStatementParser(bytes: bytes, file: file)
    let raw = try parser.parse()
    return raw.fields.values.reduce(0) { total, value in
      if case .matrix(let m) = value { return total + m.values.count }
      return total
    }
  }
}
