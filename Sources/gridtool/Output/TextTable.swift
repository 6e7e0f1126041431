/// A plain-text table with right-aligned numbers, for terminals and logs.
struct TextTable {
  var headers: [String]
  var rows: [[String]] = []
  /// Columns aligned left (text); the others are right-aligned.
  var leftAligned: Set<Int> = [0]

  init(_ headers: [String], leftAligned: Set<Int> = [0]) {
    self.headers = headers
    self.leftAligned = leftAligned
  }

  mutating func add(_ row: [String]) { rows.append(row) }

  func render() -> String {
    var widths = headers.map(\.displayWidth)
    for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.displayWidth) } }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: max(0, widths[i] - cell.displayWidth))
        return leftAligned.contains(i) ? cell + pad : pad + cell
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var out = line(headers) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for row in rows { out += line(row) + "\n" }
    return out
  }
}

extension String {
  /// Terminal columns: East Asian wide characters take two.
  var displayWidth: Int {
    unicodeScalars.reduce(0) { width, s in
      let v = s.value
      let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v)
      return width + (wide ? 2 : 1)
    }
  }
}

/// Number formatting for tables.
enum Fmt {
  static func mw(_ v: Double) -> String { fixed(v, 1) }
  static func pct(_ v: Double?) -> String { v.map { fixed($0, 1) } ?? "-" }
  static func fixed(_ v: Double, _ digits: Int) -> String {
    guard v.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (abs(v) * scale).rounded() / scale
    // Beyond Int64 (and long before, beyond any grid), digits mean nothing: 1e+308.
    guard r < 1e15 else { return "\(v)" }
    let sign = v < 0 && r != 0 ? "-" : ""
    let whole = Int64(r)
    var frac = String(Int64(((r - Double(whole)) * scale).rounded()))
    frac = String(repeating: "0", count: max(0, digits - frac.count)) + frac
    let grouped = groupThousands(String(whole))
    return digits > 0 ? "\(sign)\(grouped).\(frac)" : "\(sign)\(grouped)"
  }
  static func groupThousands(_ s: String) -> String {
    var out = ""
    for (i, c) in s.reversed().enumerated() {
      if i > 0, i % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return String(out.reversed())
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
