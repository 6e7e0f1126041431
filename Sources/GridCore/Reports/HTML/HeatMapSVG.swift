/// An hour-of-day × day-of-year heat map of an hourly series: one column per day, one row
/// per hour (0 at the top), each cell coloured by its value in eight classes of the viridis
/// scale (perceptually uniform and colour-blind-safe); zero is a pale grey of its own, so
/// that hours without curtailment or without violations stand apart.
///
/// The cells of one class are drawn as one path (runs of consecutive hours of a day merged),
/// so a year is nine elements, not 8,784. The hourly values ride along as one attribute
/// (rounded to 0.1) for the tooltip, which finds the cell under the pointer.
enum HeatMapSVG {
  /// Viridis at the middles of eight equal classes.
  static let colours = ["#46085C", "#433E85", "#38598C", "#2B758E", "#21908C", "#2FB47C", "#6CCE59", "#C8E020"]
  static let zeroColour = "#EEEEEE"

  /// Writes the heat map of `values` (hour 0 is `start`). `classTop` gives the upper bound of
  /// each class (at most eight values, increasing); values ≤ 0 take the zero class.
  static func write(
    _ w: inout HTMLWriter, id: String, label: String, start: ClockHour, values: [Double], unit: String,
    classTop: [Double], digits: Int = 0
  ) {
    let firstDay = floorDiv(start.index, 24)
    let days = values.isEmpty ? 1 : floorDiv(start.index + values.count - 1, 24) - firstDay + 1
    let cellW = min(6, 880 / Double(days)), cellH = 8.0
    let left = 40.0, top = 8.0
    let width = left + cellW * Double(days) + 12, height = top + 24 * cellH + 70
    w.raw("<svg class=\"chart heat\"")
    w.attribute("id", id)
    w.raw(" viewBox=\"0 0 ")
    w.point(width, height)
    w.raw("\" role=\"img\"")
    w.attribute("aria-label", label)
    w.attribute("data-start", start.description)
    w.attribute("data-unit", unit)
    w.raw(" data-left=\"")
    w.coordinate(left)
    w.raw("\" data-top=\"")
    w.coordinate(top)
    w.raw("\" data-cw=\"")
    w.exact(cellW)
    w.raw("\" data-ch=\"")
    w.exact(cellH)
    w.raw("\" data-values=\"")
    for (h, v) in values.enumerated() {
      if h > 0 { w.raw(",") }
      w.raw(DisplayNumber.fixed(v, 1, grouping: false))
    }
    w.raw("\">\n")
    // Cells by class: runs of consecutive hours of one day in one class.
    let classes = classTop.count
    var builders = [HTMLWriter](repeating: HTMLWriter(capacity: 4096), count: classes + 1)
    var h = 0
    while h < values.count {
      let cls = classOf(values[h], classTop)
      let clock = start.index + h
      let day = floorDiv(clock, 24) - firstDay, hour = clock - floorDiv(clock, 24) * 24
      var run = 1
      while h + run < values.count, hour + run < 24, classOf(values[h + run], classTop) == cls { run += 1 }
      builders[cls].raw("M")
      builders[cls].point(left + Double(day) * cellW, top + Double(hour) * cellH)
      builders[cls].raw("h")
      builders[cls].coordinate(cellW)
      builders[cls].raw("v")
      builders[cls].coordinate(Double(run) * cellH)
      builders[cls].raw("h")
      builders[cls].coordinate(-cellW)
      builders[cls].raw("z")
      h += run
    }
    for c in 0...classes {
      let cells = builders[c].take()
      guard !cells.isEmpty else { continue }
      w.raw("<path class=\"cells\" fill=\"")
      w.raw(colour(c, of: classes))
      w.raw("\" d=\"")
      w.raw(bytes: cells)
      w.raw("\"/>\n")
    }
    // Axes: hours down the left, the first day of each month along the bottom.
    for hour in stride(from: 0, through: 24, by: 6) {
      w.raw("<text class=\"xl\" x=\"")
      w.coordinate(left - 4)
      w.raw("\" y=\"")
      w.coordinate(top + Double(hour) * cellH + 3)
      w.raw("\" text-anchor=\"end\">")
      w.raw(ClockHour.pad(hour, 2))
      w.raw(":00</text>")
    }
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for day in 0..<days {
      let c = ClockHour(index: (firstDay + day) * 24).civil
      guard c.day == 1 || day == 0 else { continue }
      w.raw("<text class=\"xl\" x=\"")
      w.coordinate(left + Double(day) * cellW)
      w.raw("\" y=\"")
      w.coordinate(top + 24 * cellH + 13)
      w.raw("\">")
      w.raw(c.day == 1 ? names[c.month - 1] : "\(c.month)/\(c.day)")
      w.raw("</text>")
    }
    // Legend: the zero class and the eight classes with their upper bounds.
    let legendY = top + 24 * cellH + 30
    var x = left
    w.raw("\n<g class=\"heatlegend\"><text class=\"lt\" x=\"")
    w.coordinate(x)
    w.raw("\" y=\"")
    w.coordinate(legendY + 9)
    w.raw("\">")
    w.text(unit)
    w.raw("</text>")
    x += LabelPlacer.textWidth(unit, size: 11) + 12
    for c in 0...classes {
      let text = c == 0 ? "0" : "≤ " + DisplayNumber.fixed(classTop[c - 1], digits)
      w.raw("<rect x=\"")
      w.coordinate(x)
      w.raw("\" y=\"")
      w.coordinate(legendY)
      w.raw("\" width=\"12\" height=\"12\" fill=\"")
      w.raw(colour(c, of: classes))
      w.raw("\"/><text x=\"")
      w.coordinate(x + 15)
      w.raw("\" y=\"")
      w.coordinate(legendY + 10)
      w.raw("\">")
      w.raw(text)
      w.raw("</text>")
      x += 24 + LabelPlacer.textWidth(text, size: 11)
    }
    w.raw("</g>\n</svg>\n")
  }

  /// Eight equal classes from 0 to `maximum` (a round top).
  static func equalClasses(maximum: Double) -> [Double] {
    let top = max(maximum, 1e-9)
    return (1...8).map { top * Double($0) / 8 }
  }

  /// 0 for values ≤ 0 (and non-finite), else 1…`tops.count`.
  static func classOf(_ v: Double, _ tops: [Double]) -> Int {
    guard v.isFinite, v > 1e-9 else { return 0 }
    for (c, t) in tops.enumerated() where v <= t { return c + 1 }
    return tops.count
  }

  /// Classes for counts (outages, hours): one per value up to 8, else 1, 2, 3, 5, 8, 13, 21 … up to `maximum`.
  static func countClasses(maximum: Double) -> [Double] {
    if maximum <= 8 { return (1...8).map(Double.init) }
    return [1, 2, 3, 5, 8, 13, 21].filter { $0 < maximum } + [maximum]
  }

  /// The colour of class `c` (0: zero) of `classes`, spread over the viridis steps.
  static func colour(_ c: Int, of classes: Int) -> String {
    guard c > 0 else { return zeroColour }
    let step = classes <= 1 ? 7 : Int((Double(c - 1) * 7 / Double(classes - 1)).rounded())
    return colours[step]
  }

  static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
}
