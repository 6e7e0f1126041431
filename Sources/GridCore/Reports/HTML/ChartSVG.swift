import Foundation

/// A chart's frame: plot area inside a drawing, a linear y axis from 0 (or below) to a
/// round maximum with gridlines, and the x axis labels the chart gives.
struct ChartFrame {
  var width = 620.0
  var height = 250.0
  var left = 62.0
  var right = 16.0
  var top = 24.0
  var bottom = 36.0
  var yMin = 0.0
  var yMax = 1.0
  /// Gridline values.
  var ticks: [Double] = []

  var plotWidth: Double { width - left - right }
  var plotHeight: Double { height - top - bottom }

  /// A frame whose y axis covers `low…high` with round ticks.
  init(low: Double, high: Double, width: Double = 620, height: Double = 250) {
    self.width = width
    self.height = height
    let span = max(high - min(low, 0), 1e-9)
    let raw = span / 5
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    yMin = min(low, 0) < 0 ? floor(min(low, 0) / step) * step : 0
    yMax = max(step, ceil(high / step) * step)
    ticks = stride(from: yMin, through: yMax + step / 2, by: step).map { $0 }
  }

  func x(_ fraction: Double) -> Double { left + fraction * plotWidth }
  func y(_ v: Double) -> Double { top + (yMax - v) / (yMax - yMin) * plotHeight }

  /// `<svg>` with gridlines, y labels and the y axis title.
  func open(_ w: inout HTMLWriter, cssClass: StaticString, id: String, label: String, yTitle: String, digits: Int = 0) {
    w.raw("<svg class=\"chart ")
    w.raw(cssClass)
    w.raw("\"")
    w.attribute("id", id)
    w.raw(" viewBox=\"0 0 ")
    w.point(width, height)
    w.raw("\" role=\"img\"")
    w.attribute("aria-label", label)
    w.raw(">\n<g class=\"grid\">")
    for t in ticks {
      w.raw("<path d=\"M")
      w.point(left, y(t))
      w.raw("H")
      w.coordinate(width - right)
      w.raw("\"/><text x=\"")
      w.coordinate(left - 5)
      w.raw("\" y=\"")
      w.coordinate(y(t) + 3.5)
      w.raw("\" text-anchor=\"end\">")
      w.fixed(t, digits)
      w.raw("</text>")
    }
    w.raw("</g><text class=\"axistitle\" transform=\"translate(13 ")
    w.coordinate(top + plotHeight / 2)
    w.raw(") rotate(-90)\" text-anchor=\"middle\">")
    w.text(yTitle)
    w.raw("</text>\n")
  }

  /// An x label centred at `fraction` of the plot width, under the plot.
  func xLabel(_ w: inout HTMLWriter, _ text: String, at fraction: Double, row: Int = 0) {
    w.raw("<text class=\"xl\" x=\"")
    w.coordinate(x(fraction))
    w.raw("\" y=\"")
    w.coordinate(top + plotHeight + 14 + 13 * Double(row))
    w.raw("\" text-anchor=\"middle\">")
    w.text(text)
    w.raw("</text>")
  }
}

/// A duration curve: values sorted from largest to smallest against the share of hours in
/// which each is reached or exceeded, with an optional rating line.
enum DurationChart {
  /// Writes the chart of `sorted` (largest first): value r (0-based) reached or exceeded in
  /// (r + 1)/n of the hours, or, with `percentiles`, the curve's value at r % of the hours
  /// (101 values, as ``BranchStatistics/durationCurvePct``). The curve is drawn through at
  /// most about 700 points (every value when there are fewer; else evenly spaced ranks, the
  /// first and last included), which a monotone curve loses nothing visible by.
  static func write(
    _ w: inout HTMLWriter, id: String, label: String, sorted: [Double], unit: String, digits: Int = 0,
    rating: Double?, ratingLabel: String = "rating", percentiles: Bool = false, size: (Double, Double) = (620, 250),
    data: (inout HTMLWriter) -> Void = { _ in }
  ) {
    let high = max(sorted.first ?? 0, rating ?? 0)
    let frame = ChartFrame(low: sorted.last ?? 0, high: high * 1.02, width: size.0, height: size.1)
    frame.open(&w, cssClass: "duration", id: id, label: label, yTitle: unit, digits: digits)
    for p in [0, 25, 50, 75, 100] { frame.xLabel(&w, "\(p) %", at: Double(p) / 100) }
    if size.0 >= 500 { frame.xLabel(&w, "share of the hours in which the value is reached or exceeded", at: 0.5, row: 1) }
    if let rating, rating > 0 {
      w.raw("<path class=\"rating\" d=\"M")
      w.point(frame.left, frame.y(rating))
      w.raw("H")
      w.coordinate(frame.width - frame.right)
      w.raw("\"/><text class=\"ratinglabel\" x=\"")
      w.coordinate(frame.width - frame.right - 4)
      w.raw("\" y=\"")
      w.coordinate(frame.y(rating) - 5)
      w.raw("\" text-anchor=\"end\">")
      w.text(ratingLabel + " " + DisplayNumber.fixed(rating, digits) + " " + unit)
      w.raw("</text>")
    }
    let n = sorted.count
    if n > 0 {
      w.raw("<path class=\"curve\" d=\"M")
      w.point(frame.x(0), frame.y(sorted[0]))
      let step = max(1, n / 700)
      var r = 0
      while r < n {
        w.raw("L")
        let share = percentiles ? Double(r) / Double(max(n - 1, 1)) : Double(r + 1) / Double(n)
        w.point(frame.x(share), frame.y(sorted[r]))
        if r == n - 1 { break }
        r = min(r + step, n - 1)
      }
      w.raw("\"")
      w.attribute("data-max", exact: sorted[0])
      w.attribute("data-min", exact: sorted[n - 1])
      w.attribute("data-hours", integer: n)
      data(&w)
      w.raw("/>\n")
    }
    w.raw("</svg>\n")
  }
}

/// Monthly bars: per month the stacked parts of a total (delivered + losses = sent).
enum MonthlyBars {
  /// One series of a bar chart: its class (colour), legend name and monthly values; `field`
  /// names the JSON array its values are (`data-f`), `extra` adds exact values under other names.
  struct Series {
    var cssClass: String
    var name: String
    var values: [Double]
    var field: String? = nil
    var extra: [(name: StaticString, values: [Double])] = []
  }

  /// Writes stacked bars of `series` (bottom first) for `months` (`2024-01` …), in units of
  /// `scale` (e.g. 1,000: MWh shown as GWh); the bars carry the exact values (MWh) as data.
  static func write(_ w: inout HTMLWriter, id: String, label: String, months: [String], series: [Series], unit: String, scale: Double) {
    var high = 0.0, low = 0.0
    for m in months.indices {
      var up = 0.0, down = 0.0
      for s in series where m < s.values.count { if s.values[m] >= 0 { up += s.values[m] } else { down += s.values[m] } }
      high = max(high, up / scale)
      low = min(low, down / scale)
    }
    let frame = ChartFrame(low: low, high: high * 1.05, width: 620, height: 250)
    frame.open(&w, cssClass: "bars", id: id, label: label, yTitle: unit)
    let slot = 1 / Double(max(months.count, 1))
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for (m, month) in months.enumerated() {
      let number = Int(month.suffix(2)).map { $0 - 1 } ?? -1
      frame.xLabel(&w, (0..<12).contains(number) ? names[number] : month, at: (Double(m) + 0.5) * slot)
      var up = 0.0, down = 0.0
      for s in series where m < s.values.count {
        let v = s.values[m] / scale
        let base = v >= 0 ? up : down
        let top = base + v
        if v >= 0 { up = top } else { down = top }
        w.raw("<rect class=\"")
        w.raw(s.cssClass)
        w.raw("\" x=\"")
        w.coordinate(frame.x((Double(m) + 0.15) * slot))
        w.raw("\" y=\"")
        w.coordinate(frame.y(max(base, top)))
        w.raw("\" width=\"")
        w.coordinate(0.7 * slot * frame.plotWidth)
        w.raw("\" height=\"")
        w.coordinate(abs(frame.y(base) - frame.y(top)))
        w.raw("\" data-k=\"bar\"")
        w.attribute("data-month", month)
        w.attribute("data-s", s.name)
        if let field = s.field { w.attribute("data-f", field) }
        w.attribute("data-v", exact: s.values[m])
        for (name, values) in s.extra where m < values.count {
          w.raw(" ")
          w.raw(name)
          w.raw("=\"")
          w.exact(values[m])
          w.raw("\"")
        }
        w.raw("/>")
      }
      w.raw("\n")
    }
    var x = frame.left + 6
    for s in series {
      w.raw("<rect class=\"")
      w.raw(s.cssClass)
      w.raw("\" x=\"")
      w.coordinate(x)
      w.raw("\" y=\"4\" width=\"10\" height=\"10\"/><text class=\"key\" x=\"")
      w.coordinate(x + 14)
      w.raw("\" y=\"13\">")
      w.text(s.name)
      w.raw("</text>")
      x += 24 + LabelPlacer.textWidth(s.name, size: 11)
    }
    w.raw("</svg>\n")
  }
}
