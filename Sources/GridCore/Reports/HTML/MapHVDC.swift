/// HVDC links on a map. A link to a system outside the model runs from its converter bus
/// off the map's right edge, where its name, its receiving end and its figures (sent,
/// delivered, loss) are written; a link between two buses of the model is a dashed line
/// with an arrow in the direction of its power.
struct MapHVDC {
  let network: Network
  let geometry: MapGeometry
  let content: MapContent
  let layoutWidth: Double

  /// Vertical room for one link's three lines of text at the map's edge, map units.
  static let spacing = 64.0

  func write(to w: inout HTMLWriter) {
    guard !network.hvdcLinks.isEmpty else { return }
    w.raw("<g class=\"hvdc\">\n")
    let external = network.hvdcLinks.indices.filter { network.hvdcLinks[$0].to == nil }
    let targets = edgeTargets(external)
    for (k, link) in network.hvdcLinks.enumerated() {
      guard let from = geometry.point(link.from) else { continue }
      let corridor = corridorOf(k)
      if let to = link.to {
        guard let end = geometry.point(to) else { continue }
        let forward = link.setpointMW >= 0
        let (a, b) = forward ? (from, end) : (end, from)
        w.raw("<path class=\"dc\" d=\"M")
        w.point(a.x, a.y)
        w.raw("L")
        w.point((a.x + b.x) / 2, (a.y + b.y) / 2)
        w.raw("L")
        w.point(b.x, b.y)
        w.raw("\" marker-mid=\"url(#")
        w.raw(content.id)
        w.raw("-end)\"")
        writeData(k, to: &w)
        w.raw("/>\n")
        if let corridor {
          writeLabel(corridor, link: k, at: (a + b) / 2 + SIMD2(6, -6), to: &w)
        }
        continue
      }
      let target = SIMD2(layoutWidth + 4, targets[k] ?? from.y)
      w.raw("<path class=\"dc")
      if !link.inService { w.raw(" off") }
      w.raw("\" d=\"M")
      w.point(from.x, from.y)
      w.raw("C")
      w.point(from.x + 0.5 * (target.x - from.x), from.y)
      w.raw(" ")
      w.point(from.x + 0.5 * (target.x - from.x), target.y)
      w.raw(" ")
      w.point(target.x, target.y)
      w.raw("\" marker-end=\"url(#")
      w.raw(content.id)
      w.raw("-end)\"")
      writeData(k, to: &w)
      w.raw("/>\n")
      writeLabel(corridor, link: k, at: SIMD2(layoutWidth + 14, target.y - 14), to: &w)
    }
    w.raw("</g>\n")
  }

  private func writeData(_ k: Int, to w: inout HTMLWriter) {
    w.raw(" data-k=\"dc\"")
    w.attribute("data-n", network.hvdcLinks[k].name)
    content.hvdcData(&w, k)
  }

  /// Name (the corridor's when the link is one, with its id), receiving end, figures.
  private func writeLabel(_ corridor: NetworkGroup?, link k: Int, at p: SIMD2<Double>, to w: inout HTMLWriter) {
    let link = network.hvdcLinks[k]
    w.raw("<text class=\"dclabel")
    if let corridor {
      w.raw(" grouplabel corridor\"")
      w.attribute("data-group", corridor.name)
    } else {
      w.raw("\"")
    }
    w.raw(" x=\"")
    w.coordinate(p.x)
    w.raw("\" y=\"")
    w.coordinate(p.y)
    w.raw("\"><tspan class=\"name\">")
    w.text(corridor?.displayName ?? corridor?.name ?? link.name)
    w.raw("</tspan>")
    var lines: [String] = []
    if link.to == nil { lines.append("→ " + (link.externalReceiver ?? "outside the model")) }
    lines += content.hvdcNote(k)
    for line in lines {
      w.raw("<tspan class=\"sub\" x=\"")
      w.coordinate(p.x)
      w.raw("\" dy=\"13\">")
      w.text(line)
      w.raw("</tspan>")
    }
    w.raw("</text>\n")
  }

  /// The corridor a link belongs to, if it is the only kind of element of that corridor.
  private func corridorOf(_ k: Int) -> NetworkGroup? {
    network.groups(ofKind: .corridor).first { $0.hvdcLinks.contains(k) && $0.branches.isEmpty }
  }

  /// Heights at which the external links leave the map: their converters' heights, moved
  /// apart to ``spacing`` (in the order of the converters from top to bottom).
  private func edgeTargets(_ links: [Int]) -> [Int: Double] {
    var ordered: [(link: Int, y: Double)] = []
    for k in links {
      if let p = geometry.point(network.hvdcLinks[k].from) { ordered.append((k, p.y)) }
    }
    ordered.sort { a, b in a.y < b.y || (a.y == b.y && a.link < b.link) }
    guard !ordered.isEmpty else { return [:] }
    var lowest = 0.0
    for p in geometry.bus { lowest = max(lowest, p.y) }
    let top = 30.0, bottom = max(top, lowest + 10)
    var y: [Double] = ordered.map { $0.y }
    for i in y.indices {
      y[i] = max(y[i], top)
      if i > 0 { y[i] = max(y[i], y[i - 1] + Self.spacing) }
    }
    // Pushed back up if the last ones ran below the map.
    if let last = y.last, last > bottom {
      let shift = last - bottom
      for i in y.indices { y[i] -= shift }
      for i in y.indices.reversed().dropFirst() { y[i] = min(y[i], y[i + 1] - Self.spacing) }
    }
    var targets: [Int: Double] = [:]
    for (i, entry) in ordered.enumerated() { targets[entry.link] = y[i] }
    return targets
  }
}
