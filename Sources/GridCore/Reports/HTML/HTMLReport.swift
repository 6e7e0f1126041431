/// A self-contained HTML report: one file with inline SVG maps and charts, inline CSS and one
/// small inline script (tooltips, zoom and pan of the maps); no network access, no external
/// fonts or scripts. It reads with scripts disabled (every figure is SVG, every number is
/// also in a table, small maps carry `<title>` tooltips) and prints (docs/report.md).
///
/// The report is made of views, each built from result values that GridCore computed —
/// nothing is computed again — so the page's numbers are the JSON output's: displayed
/// rounded, and exact (the JSON's text) in `data-*` attributes that the tooltips and the
/// browser check read.
///
/// ```swift
/// let system = try DCSystem(network)
/// var page = HTMLReport(title: network.name)
/// let layout = MapLayout(network: network)
/// page.addFlow(FlowReport(system: system, result: try system.solve()), layout: layout)
/// try AtomicFile.write(bytes: page.html(), to: "report.html")
/// ```
public struct HTMLReport: Sendable {
  /// The page's title (`<title>` and heading).
  public var title: String
  /// A line under the title (what was run, on what).
  public var subtitle: String
  private var sections: [(id: String, heading: String, markup: [UInt8])] = []
  private var toggles: Set<String> = []

  /// An empty report; add views with `addFlow`, `addContingency` and `addScenario`.
  public init(title: String, subtitle: String = "") {
    self.title = title
    self.subtitle = subtitle
  }

  /// Number of views added.
  public var viewCount: Int { sections.count }

  /// Adds a view: its section id (an anchor), heading and markup.
  mutating func add(id: String, heading: String, markup: [UInt8], toggles: Set<String> = []) {
    sections.append((id, heading, markup))
    self.toggles.formUnion(toggles)
  }

  /// The whole page, UTF-8.
  public func html() -> [UInt8] {
    var w = HTMLWriter(capacity: sections.reduce(1 << 16) { $0 + $1.markup.count })
    w.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    w.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    w.raw("<meta name=\"generator\" content=\"gridtool (GridCore HTMLReport)\">\n<title>")
    w.text(title)
    w.raw("</title>\n<style>\n")
    w.raw(HTMLStyle.css)
    w.raw(LoadingScale.css)
    w.raw("</style>\n</head>\n<body>\n<header>\n<h1>")
    w.text(title)
    w.raw("</h1>\n")
    if !subtitle.isEmpty {
      w.raw("<p class=\"subtitle\">")
      w.text(subtitle)
      w.raw("</p>\n")
    }
    if sections.count > 1 {
      w.raw("<nav>")
      for s in sections {
        w.raw("<a href=\"#")
        w.text(s.id)
        w.raw("\">")
        w.text(s.heading)
        w.raw("</a> ")
      }
      w.raw("</nav>\n")
    }
    if !toggles.isEmpty {
      // Checkboxes that CSS alone acts on (`:has`), so they work without the script.
      w.raw("<div class=\"toggles\">Show: ")
      for (name, label) in [("rings", "rings"), ("corridors", "corridors"), ("labels", "bus labels"), ("marks", "marks")]
      where toggles.contains(name) {
        w.raw("<label><input type=\"checkbox\" id=\"show-")
        w.raw(name)
        w.raw("\" checked> ")
        w.raw(label)
        w.raw("</label> ")
      }
      w.raw("</div>\n")
    }
    w.raw("</header>\n<main>\n")
    for s in sections { w.raw(bytes: s.markup) }
    w.raw("</main>\n<footer>Made by gridtool from result values; figures rounded for reading, exact in the <code>data-*</code> attributes. ")
    w.raw("Numbers, units and methods: docs/report.md.</footer>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>\n")
    w.raw(HTMLScript.source)
    w.raw("</script>\n</body>\n</html>\n")
    return w.take()
  }
}

/// Small HTML pieces the views share: headings, key figures and tables whose numeric cells
/// carry their exact value and the JSON field they come from.
extension HTMLWriter {
  /// `<section id=…><h2>…</h2>`.
  mutating func openSection(_ id: String, _ heading: String) {
    raw("<section")
    attribute("id", id)
    raw(">\n<h2>")
    text(heading)
    raw("</h2>\n")
  }

  /// `<dl class="figures" data-json=…>`; items from ``figure(_:_:digits:unit:field:)``.
  mutating func openFigures(json path: String) {
    raw("<dl class=\"figures\"")
    attribute("data-json", path)
    raw(">\n")
  }

  /// One key figure: a label and a rounded number, with the JSON field and exact value.
  /// `scale` divides the shown number only (MWh shown as GWh: 1,000); `data-v` stays exact.
  mutating func figure(
    _ label: String, _ value: Double?, digits: Int = 1, unit: String = "", field: String? = nil, scale: Double = 1
  ) {
    raw("<div><dt>")
    text(label)
    raw("</dt><dd")
    if let field { attribute("data-f", field) }
    attribute("data-v", exact: value)
    raw(">")
    fixed(value.map { $0 / scale }, digits)
    if !unit.isEmpty {
      raw(" <small>")
      text(unit)
      raw("</small>")
    }
    raw("</dd></div>\n")
  }

  /// A figure that is text.
  mutating func figure(_ label: String, text value: String) {
    raw("<div><dt>")
    text(label)
    raw("</dt><dd>")
    text(value)
    raw("</dd></div>\n")
  }

  /// `<table>` with a caption and header cells; numeric columns right-aligned.
  mutating func openTable(_ caption: String, _ headers: [String], numericFrom: Int = 1, json path: String? = nil) {
    raw("<div class=\"tablewrap\"><table")
    if let path { attribute("data-json", path) }
    raw("><caption>")
    text(caption)
    raw("</caption>\n<thead><tr>")
    for (i, h) in headers.enumerated() {
      raw(i >= numericFrom ? "<th class=\"n\">" : "<th>")
      text(h)
      raw("</th>")
    }
    raw("</tr></thead>\n<tbody>\n")
  }

  mutating func closeTable() { raw("</tbody></table></div>\n") }

  /// `<tr data-key=…>` (the row's element in the JSON array: index or name).
  mutating func openRow(key: String? = nil) {
    raw("<tr")
    if let key { attribute("data-key", key) }
    raw(">")
  }

  mutating func closeRow() { raw("</tr>\n") }

  mutating func cell(_ s: String) {
    raw("<td>")
    text(s)
    raw("</td>")
  }

  /// A numeric cell: rounded, with its exact value and, when given, its JSON field.
  mutating func cell(_ v: Double?, digits: Int = 1, field: String? = nil, scale: Double = 1) {
    raw("<td class=\"n\"")
    if let field { attribute("data-f", field) }
    attribute("data-v", exact: v)
    raw(">")
    fixed(v.map { $0 / scale }, digits)
    raw("</td>")
  }

  mutating func cell(integer v: Int, field: String? = nil) {
    raw("<td class=\"n\"")
    if let field { attribute("data-f", field) }
    raw(" data-v=\"")
    integer(v)
    raw("\">")
    raw(DisplayNumber.grouped(Int64(v)))
    raw("</td>")
  }

  /// `<p class="note">…</p>`.
  mutating func note(_ s: String) {
    raw("<p class=\"note\">")
    text(s)
    raw("</p>\n")
  }
}
