/// Rings and export corridors on a map: a translucent halo under their branches and a
/// label (the network's name for the group — English and Chinese where the file gives
/// both — and a line of figures). Corridors made only of HVDC links are labelled where the
/// links end (``MapHVDC``).
struct MapGroups {
  let network: Network
  let geometry: MapGeometry
  let content: MapContent

  /// Halo colours of the rings: Okabe and Ito's colour-blind-safe qualitative palette.
  static let ringColours = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442"]
  /// Halo colour of the corridors.
  static let corridorColour = "#5D3A9B"

  var rings: [NetworkGroup] { network.groups(ofKind: .ring) }
  var corridors: [NetworkGroup] { network.groups(ofKind: .corridor) }

  func writeHalos(to w: inout HTMLWriter) {
    guard !rings.isEmpty || corridors.contains(where: { !$0.branches.isEmpty }) else { return }
    w.raw("<g class=\"halos\">\n")
    for (r, ring) in rings.enumerated() {
      writeHalo(ring, cssClass: "ring", colour: Self.ringColours[r % Self.ringColours.count], to: &w)
    }
    for corridor in corridors where !corridor.branches.isEmpty {
      writeHalo(corridor, cssClass: "corridor", colour: Self.corridorColour, to: &w)
    }
    w.raw("</g>\n")
  }

  private func writeHalo(_ group: NetworkGroup, cssClass: StaticString, colour: String, to w: inout HTMLWriter) {
    w.raw("<g class=\"")
    w.raw(cssClass)
    w.raw("\"")
    w.attribute("data-group", group.name)
    w.raw(" stroke=\"")
    w.raw(colour)
    w.raw("\">")
    for k in group.branches where k < network.branches.count {
      guard let (a, b) = geometry.ends[k] else { continue }
      let mid = geometry.middle(k)
      w.raw("<path d=\"M")
      w.point(a.x, a.y)
      w.raw("L")
      w.point(mid.x, mid.y)
      w.raw("L")
      w.point(b.x, b.y)
      w.raw("\"/>")
    }
    w.raw("</g>\n")
  }

  /// Labels: rings at the centre of their buses, AC corridors at the middle of their lines.
  func writeLabels(to w: inout HTMLWriter, placer: inout LabelPlacer) {
    let labelled = rings.enumerated().map { ($1, "ring", Self.ringColours[$0 % Self.ringColours.count]) }
      + corridors.filter { !$0.branches.isEmpty }.map { ($0, "corridor", Self.corridorColour) }
    guard !labelled.isEmpty else { return }
    w.raw("<g class=\"grouplabels\">\n")
    for (group, kind, colour) in labelled {
      let anchor = kind == "ring" ? centre(of: group) : middle(of: group)
      guard let anchor else { continue }
      let name = group.displayName ?? group.name
      let note = content.groupNotes[group.name]
      let size = 10.5
      let longest = note.map { LabelPlacer.textWidth($0, size: size) > LabelPlacer.textWidth(name, size: size) ? $0 : name } ?? name
      let place = placer.place("■ " + longest, near: anchor, size: size, around: false, lines: note == nil ? 1 : 2)
        ?? SIMD2(max(2, anchor.x - LabelPlacer.textWidth(name, size: size) / 2), anchor.y)
      w.raw("<text class=\"grouplabel ")
      w.raw(kind)
      w.raw("\"")
      w.attribute("data-group", group.name)
      w.raw(" x=\"")
      w.coordinate(place.x)
      w.raw("\" y=\"")
      w.coordinate(place.y)
      w.raw("\"><tspan class=\"swatch\" fill=\"")
      w.raw(colour)
      w.raw("\">■ </tspan><tspan class=\"name\">")
      w.text(name)
      w.raw("</tspan>")
      if let note {
        w.raw("<tspan class=\"sub\" x=\"")
        w.coordinate(place.x)
        w.raw("\" dy=\"13\">")
        w.text(note)
        w.raw("</tspan>")
      }
      w.raw("</text>\n")
    }
    w.raw("</g>\n")
  }

  /// Mean position of a group's buses (its branches' ends, each bus once).
  private func centre(of group: NetworkGroup) -> SIMD2<Double>? {
    var seen = Set<BusID>(), sum = SIMD2<Double>.zero
    for k in group.branches where k < network.branches.count {
      for id in [network.branches[k].from, network.branches[k].to] where seen.insert(id).inserted {
        sum += geometry.point(id) ?? .zero
      }
    }
    return seen.isEmpty ? nil : sum / Double(seen.count)
  }

  /// Mean of the middles of a group's branches.
  private func middle(of group: NetworkGroup) -> SIMD2<Double>? {
    let ks = group.branches.filter { $0 < network.branches.count && geometry.ends[$0] != nil }
    guard !ks.isEmpty else { return nil }
    return ks.reduce(SIMD2<Double>.zero) { $0 + geometry.middle($1) } / Double(ks.count)
  }
}
