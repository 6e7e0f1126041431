/// One map of a report: buses at their ``MapLayout`` positions, every in-service branch as
/// one `<path class="br …">` coloured by a loading and as wide as a flow (see
/// ``LoadingScale``), rings and corridors highlighted and labelled, HVDC links to systems
/// outside the model drawn off the map's right edge with their figures, marks on overloaded
/// and N-1-critical branches, a scale bar (geographic layouts) and a legend.
///
/// What is drawn comes from the caller (``MapContent``); the map computes nothing but
/// positions, classes and label places.
struct MapSVG {
  let network: Network
  let layout: MapLayout
  let content: MapContent

  /// Width of the strip right of the map where HVDC links to outside systems end, map units.
  static let hvdcStrip = 250.0
  /// Height of the legend under the map, map units.
  static let legendHeight = 86.0

  var hasExternalLinks: Bool { network.hvdcLinks.contains { $0.to == nil && $0.inService } }
  var viewWidth: Double { layout.width + (hasExternalLinks ? Self.hvdcStrip : 0) }
  var viewHeight: Double { layout.height + Self.legendHeight }

  /// The map as a figure: the SVG, then `caption` and how the map was drawn
  /// (``HTMLReport/layoutNote(_:)``) as its caption.
  func writeFigure(caption: String, to w: inout HTMLWriter) {
    w.raw("<figure class=\"mapfigure\">\n")
    write(to: &w)
    w.raw("<figcaption>")
    w.text(caption + HTMLReport.layoutNote(layout))
    w.raw("</figcaption>\n</figure>\n")
  }

  func write(to w: inout HTMLWriter) {
    let geometry = MapGeometry(network: network, layout: layout)
    let id = content.id
    w.raw("<svg class=\"map\" id=\"")
    w.raw(id)
    w.raw("-svg\" viewBox=\"0 0 ")
    w.point(viewWidth, viewHeight)
    w.raw("\" role=\"img\"")
    w.attribute("aria-label", content.caption)
    w.raw(" data-width=\"")
    w.coordinate(viewWidth)
    w.raw("\" data-height=\"")
    w.coordinate(viewHeight)
    w.raw("\">\n<defs><marker id=\"")
    w.raw(id)
    w.raw("-arrow\" viewBox=\"0 0 10 10\" refX=\"5\" refY=\"5\" markerWidth=\"3.2\" markerHeight=\"3.2\" orient=\"auto\">")
    w.raw("<path d=\"M0 1L10 5L0 9z\" class=\"arrowhead\"/></marker><marker id=\"")
    w.raw(id)
    w.raw("-end\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"4\" markerHeight=\"4\" orient=\"auto\">")
    w.raw("<path d=\"M0 0L10 5L0 10z\" class=\"hvdchead\"/></marker></defs>\n")
    w.raw("<rect class=\"sea\" x=\"0\" y=\"0\" width=\"")
    w.coordinate(layout.width)
    w.raw("\" height=\"")
    w.coordinate(layout.height)
    w.raw("\"/>\n")
    MapGroups(network: network, geometry: geometry, content: content).writeHalos(to: &w)
    writeBranches(geometry, to: &w)
    MapHVDC(network: network, geometry: geometry, content: content, layoutWidth: layout.width).write(to: &w)
    writeBuses(geometry, to: &w)
    writeMarks(geometry, to: &w)
    var labels = LabelPlacer(width: layout.width, height: layout.height)
    if network.buses.count <= 150 {
      for p in geometry.bus { labels.block(p - SIMD2(4, 4), p + SIMD2(4, 4)) }
    }
    MapGroups(network: network, geometry: geometry, content: content).writeLabels(to: &w, placer: &labels)
    writeMarkLabels(geometry, placer: &labels, to: &w)
    if network.buses.count <= 150 { writeBusLabels(geometry, placer: &labels, to: &w) }
    MapLegend(network: network, layout: layout, content: content, top: layout.height, width: viewWidth).write(to: &w)
    w.raw("</svg>\n")
  }

  private func writeBranches(_ g: MapGeometry, to w: inout HTMLWriter) {
    let arrows = content.direction != nil && network.branches.count <= 4000
    let titles = network.branches.count <= 3000
    let maxMW = content.widthMW.reduce(0) { max($0, abs($1)) }
    w.raw("<g class=\"branches\">\n")
    for k in network.branches.indices {
      guard let (a, b) = g.ends[k] else { continue }
      let branch = network.branches[k]
      if !branch.inService {
        w.raw("<path class=\"oos\" d=\"M")
        w.point(a.x, a.y)
        w.raw("L")
        w.point(b.x, b.y)
        w.raw("\"/>\n")
        continue
      }
      // Drawn from the sending end, so that the arrow in the middle points the way power flows.
      let forward = content.direction?(k) ?? true
      let (start, end) = forward ? (a, b) : (b, a)
      let mid = g.middle(k)
      w.raw("<path class=\"br ")
      w.raw(LoadingScale.colourNames[LoadingScale.colourClass(content.colourPct[k])])
      w.raw(" ")
      w.raw(LoadingScale.widthNames[LoadingScale.widthClass(content.widthMW[k], maxMW: maxMW)])
      w.raw("\" d=\"M")
      w.point(start.x, start.y)
      w.raw("L")
      w.point(mid.x, mid.y)
      w.raw("L")
      w.point(end.x, end.y)
      w.raw("\"")
      if arrows, content.direction != nil, g.length(k) > 14 {
        w.raw(" marker-mid=\"url(#")
        w.raw(content.id)
        w.raw("-arrow)\"")
      }
      w.raw(" data-k=\"br\" data-i=\"")
      w.integer(k + 1)
      w.raw("\"")
      if !branch.name.isEmpty { w.attribute("data-n", branch.name) }
      content.branchData(&w, k)
      if titles {
        w.raw("><title>")
        w.text(content.branchTitle(k))
        w.raw("</title></path>\n")
      } else {
        w.raw("/>\n")
      }
    }
    w.raw("</g>\n")
  }

  private func writeBuses(_ g: MapGeometry, to w: inout HTMLWriter) {
    let n = network.buses.count
    let radius: StaticString = n <= 200 ? "3.2" : n <= 5000 ? "1.6" : "0.7"
    w.raw(n <= 5000 ? "<g class=\"buses\">\n" : "<g class=\"buses dense\">\n")
    for (p, bus) in network.buses.enumerated() {
      let at = g.bus[p]
      w.raw("<circle cx=\"")
      w.coordinate(at.x)
      w.raw("\" cy=\"")
      w.coordinate(at.y)
      w.raw("\" r=\"")
      w.raw(radius)
      w.raw("\" data-k=\"bus\" data-b=\"")
      w.integer(bus.id.rawValue)
      w.raw("\"")
      let label = g.busLabel(p)
      if !label.isEmpty { w.attribute("data-n", label) }
      content.busData?(&w, p)
      w.raw("/>\n")
    }
    w.raw("</g>\n")
  }

  private func writeMarks(_ g: MapGeometry, to w: inout HTMLWriter) {
    guard !content.marks.isEmpty else { return }
    w.raw("<g class=\"marks\">\n")
    for mark in content.marks where g.ends[mark.branch] != nil {
      let at = g.middle(mark.branch)
      switch mark.kind {
      case .overload:
        w.raw("<circle class=\"mark over\" r=\"8\" cx=\"")
      case .n1:
        w.raw("<circle class=\"mark n1\" r=\"5.5\" cx=\"")
      }
      w.coordinate(at.x)
      w.raw("\" cy=\"")
      w.coordinate(at.y)
      w.raw("\"/>\n")
    }
    w.raw("</g>\n")
  }

  /// The marks' labels, where they do not cover a group label (or left out: the tooltip has them).
  private func writeMarkLabels(_ g: MapGeometry, placer: inout LabelPlacer, to w: inout HTMLWriter) {
    let labelled = content.marks.filter { $0.label != nil && g.ends[$0.branch] != nil }
    guard !labelled.isEmpty else { return }
    w.raw("<g class=\"marks\">\n")
    for mark in labelled {
      guard let label = mark.label, let at = placer.place(label, near: g.middle(mark.branch), size: 10, around: true, gap: 9) else { continue }
      w.raw("<text class=\"marklabel\" x=\"")
      w.coordinate(at.x)
      w.raw("\" y=\"")
      w.coordinate(at.y)
      w.raw("\">")
      w.text(label)
      w.raw("</text>\n")
    }
    w.raw("</g>\n")
  }

  private func writeBusLabels(_ g: MapGeometry, placer: inout LabelPlacer, to w: inout HTMLWriter) {
    w.raw("<g class=\"buslabels\">\n")
    for p in network.buses.indices {
      let text = g.busLabel(p)
      guard !text.isEmpty else { continue }
      let at = g.bus[p]
      guard let place = placer.place(text, near: at, size: 9.5, around: true) else { continue }
      w.raw("<text x=\"")
      w.coordinate(place.x)
      w.raw("\" y=\"")
      w.coordinate(place.y)
      w.raw("\">")
      w.text(text)
      w.raw("</text>\n")
    }
    w.raw("</g>\n")
  }
}

/// What one map shows: per-branch colour, width, direction and tooltip data, marks, and the
/// notes of groups and HVDC links. Built by the network, contingency and scenario views.
struct MapContent {
  /// Prefix of the map's element ids (`flow`, `n1`, `year`).
  var id: String
  /// One line saying what the map shows (the SVG's accessible name).
  var caption: String
  /// The legend's title for the colour classes.
  var colourTitle: String
  /// The legend's title for the widths.
  var widthTitle: String
  /// Per branch: the loading that picks its colour class (nil: no rating).
  var colourPct: [Double?]
  /// Per branch: the MW its width stands for.
  var widthMW: [Double]
  /// Per branch: true when power flows from → to (arrows); nil: no arrows on this map.
  var direction: ((Int) -> Bool)?
  /// Writes a branch's `data-*` attributes (exact numbers, as in the JSON).
  var branchData: (inout HTMLWriter, Int) -> Void
  /// A branch's tooltip text for readers without scripts (`<title>`, small networks).
  var branchTitle: (Int) -> String
  /// Writes a bus's `data-*` attributes.
  var busData: ((inout HTMLWriter, Int) -> Void)?
  /// Overloaded and N-1-critical branches.
  var marks: [MapMark] = []
  /// Per group name: a second line under its label (`1,340.7 of 1,500 MW`).
  var groupNotes: [String: String] = [:]
  /// Per HVDC link: the lines of figures written at its end (`sent 11,000.0 MW`, …), and its data.
  var hvdcNote: (Int) -> [String] = { _ in [] }
  var hvdcData: (inout HTMLWriter, Int) -> Void = { _, _ in }
  /// Whether the legend explains the overload and N-1 marks and the arrows.
  var legendMarks: Set<MapMark.Kind> = []
}

/// A mark on a branch: above its rating, or critical after an outage.
struct MapMark {
  enum Kind: Hashable { case overload, n1 }
  var branch: Int
  var kind: Kind
  var label: String?
}
