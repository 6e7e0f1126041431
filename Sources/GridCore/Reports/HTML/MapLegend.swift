/// The legend under a map (colour classes, widths, symbols) and, on geographic maps, the
/// scale bar in the map's lower left corner.
struct MapLegend {
  let network: Network
  let layout: MapLayout
  let content: MapContent
  /// Top of the legend strip (the map's height), map units.
  let top: Double
  /// Width of the whole drawing, map units.
  let width: Double

  func write(to w: inout HTMLWriter) {
    writeScaleBar(to: &w)
    w.raw("<g class=\"legend\">\n<rect class=\"legendbg\" x=\"0\" y=\"")
    w.coordinate(top)
    w.raw("\" width=\"")
    w.coordinate(width)
    w.raw("\" height=\"")
    w.coordinate(MapSVG.legendHeight)
    w.raw("\"/>\n")
    var x = 10.0
    let row1 = top + 20, row2 = top + 45, row3 = top + 70
    text(content.colourTitle, x, row1, bold: true, to: &w)
    x += Self.width(content.colourTitle, size: 11) + 14
    for (c, label) in LoadingScale.labels.enumerated() {
      line(x, row1 - 4, x + 22, "lg " + (c == 6 ? "cn" : "c\(c)") + " w4", to: &w)
      text(label, x + 27, row1, to: &w)
      x += 34 + Self.width(label, size: 11) + 12
    }
    x = 10
    text(content.widthTitle, x, row2, bold: true, to: &w)
    x += Self.width(content.widthTitle, size: 11) + 14
    let maxMW = content.widthMW.reduce(0) { max($0, abs($1)) }
    if maxMW > 0 {
      for c in [1, 3, 5] {
        let label = "≥ " + DisplayNumber.fixed(LoadingScale.widthFloor(c, maxMW: maxMW), 0) + " MW"
        line(x, row2 - 4, x + 22, "lg cn w\(c)", to: &w)
        text(label, x + 27, row2, to: &w)
        x += 34 + Self.width(label, size: 11) + 12
      }
    }
    x += 8
    if content.direction != nil {
      w.raw("<path class=\"lg cn w3\" d=\"M")
      w.point(x, row2 - 4)
      w.raw("L")
      w.point(x + 14, row2 - 4)
      w.raw("L")
      w.point(x + 28, row2 - 4)
      w.raw("\" marker-mid=\"url(#")
      w.raw(content.id)
      w.raw("-arrow)\"/>")
      text("direction of flow", x + 33, row2, to: &w)
      x += 33 + Self.width("direction of flow", size: 11) + 14
    }
    x = 10
    if content.legendMarks.contains(.overload) {
      symbol("<circle class=\"mark over\" r=\"6\"", x + 7, row3 - 4, to: &w)
      text("above rating", x + 18, row3, to: &w)
      x += 18 + Self.width("above rating", size: 11) + 14
    }
    if content.legendMarks.contains(.n1) {
      symbol("<circle class=\"mark n1\" r=\"5\"", x + 7, row3 - 4, to: &w)
      text("N-1 above limit", x + 18, row3, to: &w)
      x += 18 + Self.width("N-1 above limit", size: 11) + 14
    }
    if !network.hvdcLinks.isEmpty {
      w.raw("<path class=\"dc\" d=\"M")
      w.point(x, row3 - 4)
      w.raw("L")
      w.point(x + 24, row3 - 4)
      w.raw("\"/>")
      text("HVDC", x + 29, row3, to: &w)
      x += 29 + Self.width("HVDC", size: 11) + 14
    }
    for (kind, colour, label) in [(GroupKind.ring, MapGroups.ringColours[0], "ring"), (.corridor, MapGroups.corridorColour, "export corridor")]
    where network.groups.contains(where: { $0.kind == kind && !$0.branches.isEmpty }) {
      w.raw("<path class=\"halo\" stroke=\"")
      w.raw(colour)
      w.raw("\" d=\"M")
      w.point(x, row3 - 4)
      w.raw("L")
      w.point(x + 22, row3 - 4)
      w.raw("\"/>")
      text(label, x + 27, row3, to: &w)
      x += 27 + Self.width(label, size: 11) + 14
    }
    w.raw("</g>\n")
  }

  /// Room for a legend text: the label estimate, widened for capitals and bold titles.
  private static func width(_ text: String, size: Double) -> Double { 1.18 * LabelPlacer.textWidth(text, size: size) }

  private func line(_ x0: Double, _ y: Double, _ x1: Double, _ cssClass: String, to w: inout HTMLWriter) {
    w.raw("<path class=\"")
    w.raw(cssClass)
    w.raw("\" d=\"M")
    w.point(x0, y)
    w.raw("L")
    w.point(x1, y)
    w.raw("\"/>")
  }

  private func symbol(_ open: StaticString, _ x: Double, _ y: Double, to w: inout HTMLWriter) {
    w.raw(open)
    w.raw(" cx=\"")
    w.coordinate(x)
    w.raw("\" cy=\"")
    w.coordinate(y)
    w.raw("\"/>")
  }

  private func text(_ s: String, _ x: Double, _ y: Double, bold: Bool = false, to w: inout HTMLWriter) {
    w.raw(bold ? "<text class=\"lt\" x=\"" : "<text x=\"")
    w.coordinate(x)
    w.raw("\" y=\"")
    w.coordinate(y)
    w.raw("\">")
    w.text(s)
    w.raw("</text>")
  }

  /// A bar of a round length (about a fifth of the map) with its length in km.
  private func writeScaleBar(to w: inout HTMLWriter) {
    guard let perKm = layout.unitsPerKm, perKm > 0 else { return }
    let lengths: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000]
    let km = lengths.last { $0 * perKm <= 0.2 * layout.width } ?? lengths[0]
    let x0 = 14.0, y = layout.height - 14, x1 = x0 + km * perKm
    w.raw("<g class=\"scalebar\"><path d=\"M")
    w.point(x0, y - 5)
    w.raw("V")
    w.coordinate(y)
    w.raw("H")
    w.coordinate(x1)
    w.raw("V")
    w.coordinate(y - 5)
    w.raw("\"/><text x=\"")
    w.coordinate(x0)
    w.raw("\" y=\"")
    w.coordinate(y - 8)
    w.raw("\">0</text><text x=\"")
    w.coordinate(x1)
    w.raw("\" y=\"")
    w.coordinate(y - 8)
    w.raw("\" text-anchor=\"end\">")
    w.raw(DisplayNumber.fixed(km, 0))
    w.raw(" km</text></g>\n")
  }
}
