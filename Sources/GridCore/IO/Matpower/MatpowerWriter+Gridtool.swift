import Foundation

extension MatpowerCaseWriter {
  private typealias Layout = MatpowerGridtoolLayout

  /// `mpc.dcline`: the HVDC links between two buses of the network, in order. A link with
  /// physical losses gets the linear loss that is exact at its set-point (``linearLoss(_:)``),
  /// and a comment with the error of that line over its range.
  mutating func writeDCLines() {
    let internalLinks = network.hvdcLinks.filter { $0.to != nil }
    guard !internalLinks.isEmpty else { return }
    var notes: [String] = []
    var approximated: [String] = []
    out += "\n%%-----  DC Line Data  -----\n\(MatpowerColumns.dclineHeader)\nmpc.dcline = [\n"
    for link in internalLinks {
      guard let to = link.to else { continue }
      let t = link.transfer()
      var extra = link.matpowerExtra
      if extra.count != 10 {
        let limit = link.ratingMW > 0 ? link.ratingMW : 1e6
        extra = [0, 0, 1, 1, link.setpointMW < 0 ? -limit : 0, limit, 0, 0, 0, 0]
      }
      let (loss0, loss1): (Double, Double)
      switch link.losses {
      case .matpower(let l0, let l1): (loss0, loss1) = (l0, l1)
      case .physical:
        let fit = MatpowerCaseWriter.linearLoss(link)
        (loss0, loss1) = (0, fit.loss1)
        let name = link.name.isEmpty ? "\(link.from)-\(to)" : link.name
        let error = String(format: "%.3g", fit.maxErrorMW)
        notes.append(
          "\(name): LOSS1 = \(MatpowerWriter.number(fit.loss1)) reproduces the physical losses at \(MatpowerWriter.number(fit.atMW)) MW; "
            + "over 0...\(MatpowerWriter.number(fit.rangeMW)) MW the delivered power differs by up to \(error) MW (at \(MatpowerWriter.number(fit.worstAtMW)) MW)")
        approximated.append("\(name) up to \(error) MW")
      }
      let pf = link.losses.isMatpower ? link.setpointMW : t.fromMW
      let row: [Double] = [Double(link.from.rawValue), Double(to.rawValue), link.inService ? 1 : 0, pf, t.toMW] + extra + [loss0, loss1]
      appendRow(row, comment: link.name.isEmpty ? nil : link.name)
    }
    out += "];\n"
    if !notes.isEmpty {
      out += "% Physical HVDC losses (poles, kV, ohm, converter losses) as MATPOWER's linear LOSS0 + LOSS1*PF;\n"
      out += "% gridtool restores the physical model from mpc.gridtool_hvdc:\n"
      for note in notes { out += "%   \(MatlabText.comment(note))\n" }
      losses.append(
        ConversionLoss(
          .hvdcLinks, count: approximated.count,
          "physical losses are MATPOWER's linear LOSS1, exact at the set-point (\(ConversionLoss.examples(approximated)) elsewhere); gridtool reads the physical model back from mpc.gridtool_hvdc"
        ))
    }
  }

  /// The linear loss `PT = PF − LOSS1·PF` through the physical losses of `link` at its set-point
  /// (at its rating when it is scheduled at 0 or out of service), and the largest difference in
  /// delivered power between the two models over 0...rating in the set-point's direction.
  static func linearLoss(_ link: HVDCLink) -> (loss1: Double, atMW: Double, rangeMW: Double, maxErrorMW: Double, worstAtMW: Double) {
    var running = link
    running.inService = true
    let direction: Double = link.setpointMW < 0 ? -1 : 1
    let range = max(link.ratingMW, abs(link.setpointMW))
    let at = link.inService && link.setpointMW != 0 ? link.setpointMW : direction * range
    let fitted = running.transfer(at: at)
    let loss1 = fitted.fromMW != 0 ? (fitted.fromMW - fitted.toMW) / fitted.fromMW : 0
    var worst = (error: 0.0, at: 0.0)
    for k in 0...100 {
      let p = direction * range * Double(k) / 100
      let physical = running.transfer(at: p)
      let error = abs(physical.fromMW * (1 - loss1) - physical.toMW)
      if error > worst.error { worst = (error, p) }
    }
    return (loss1, at, range, worst.error, worst.at)
  }

  /// The `mpc.gridtool_*` fields: whatever of the network MATPOWER has no field for, so that
  /// gridtool reads the case back as the same network. Nothing when there is nothing to keep.
  mutating func writeGridtoolFields() {
    var f = GridtoolFieldText()
    let n = network
    if MatpowerWriter.identifier(n.name) != n.name || !MatlabText.fitsOneLine(n.name) {
      f.text += "mpc.gridtool_name = \(MatlabText.quoted(n.name));\n"
    }
    f.cell("bus_display_name", n.buses.map { $0.info?.displayName ?? "" })
    f.cell("bus_region", n.buses.map { $0.info?.region ?? "" })
    f.matrix(
      "bus_geo", Layout.geoHeader,
      n.buses.compactMap { bus in
        guard let info = bus.info, info.latitude != nil || info.longitude != nil else { return nil }
        return [Double(bus.id.rawValue), info.latitude ?? .nan, info.longitude ?? .nan]
      })
    let tags = n.buses.flatMap { bus in (bus.info?.tags ?? []).map { (bus.id, $0) } }
    f.matrix("bus_tag", "%\tbus", tags.map { [Double($0.0.rawValue)] })
    f.cell("bus_tag_name", tags.map(\.1), always: true)
    f.matrix("bus_pd", Layout.ownDemandHeader, folded.map { [Double(n.buses[$0].id.rawValue), n.buses[$0].loadMW, demand[$0]] })

    if n.branches.contains(where: { $0.lineInfo != nil || !$0.name.isEmpty }) {
      f.matrix(
        "branch", Layout.branchHeader,
        n.branches.map { b in
          let perKm = b.lineInfo?.perKm
          return [
            b.kind == .transformer ? 2 : 1, Double(b.lineInfo?.circuits ?? 1), b.lineInfo?.lengthKm ?? .nan,
            b.lineInfo?.estimated == true ? 1 : 0, perKm?.resistanceOhmPerKm ?? .nan, perKm?.reactanceOhmPerKm ?? .nan,
            perKm?.susceptanceMicroSPerKm ?? .nan,
          ]
        })
    }
    f.matrix(
      "line_type", Layout.lineTypeHeader,
      n.lineTypes.map {
        [$0.voltageKV, $0.perKm.resistanceOhmPerKm, $0.perKm.reactanceOhmPerKm, $0.perKm.susceptanceMicroSPerKm, $0.ratingMWPerCircuit]
      })
    f.cell("line_type_name", n.lineTypes.map(\.name), always: true)
    f.cell("branch_name", n.branches.map(\.name))
    f.cell("branch_line_type", n.branches.map { $0.lineInfo?.lineType ?? "" })
    f.cell("gen_name", n.generators.map(\.name))
    // mpc.gen is padded to MATPOWER's 21 columns; the padding is not the unit's own data.
    if n.generators.contains(where: { $0.matpowerExtra.count != MatpowerColumns.genStandard - MatpowerColumns.genRequired }) {
      f.matrix("gen_columns", "%\tcolumns", n.generators.map { [Double(MatpowerColumns.genRequired + $0.matpowerExtra.count)] })
    }

    f.matrix("load", Layout.loadHeader, n.loads.map { [Double($0.bus.rawValue), $0.demandMW, $0.inService ? 1 : 0] })
    f.cell("load_name", n.loads.map(\.name), always: true)
    f.cell("load_region", n.loads.map { $0.region ?? "" })

    var dclineRow = 0
    f.matrix(
      "hvdc", Layout.hvdcHeader,
      !needsHVDCFields ? [] : n.hvdcLinks.map { link in
        if link.to != nil { dclineRow += 1 }
        var row = [Double](repeating: 0, count: Layout.HVDCRow.allCases.count)
        func set(_ column: Layout.HVDCRow, _ value: Double) { row[column.rawValue] = value }
        set(.dclineRow, link.to != nil ? Double(dclineRow) : 0)
        set(.from, Double(link.from.rawValue))
        set(.setpointMW, link.setpointMW)
        set(.ratingMW, link.ratingMW)
        set(.status, link.inService ? 1 : 0)
        switch link.losses {
        case .matpower(let loss0, let loss1):
          set(.lossModel, 1)
          set(.loss0MW, loss0)
          set(.loss1, loss1)
        case .physical(let d):
          set(.lossModel, 2)
          set(.poles, Double(d.poles))
          set(.poleVoltageKV, d.poleVoltageKV)
          set(.poleResistanceOhm, d.poleResistanceOhm)
          set(.converterFixedMW, d.converterFixedMW)
          set(.converterFraction, d.converterFraction)
        }
        set(.matpowerColumns, link.matpowerExtra.count == 10 ? 1 : 0)
        return row
      })
    if needsHVDCFields {
      f.cell("hvdc_name", n.hvdcLinks.map(\.name), always: true)
      f.cell("hvdc_receiver", n.hvdcLinks.map { $0.to == nil ? $0.externalReceiver ?? "" : "" })
    }

    var members: [[Double]] = []
    for (g, group) in n.groups.enumerated() {
      let number = Double(g + 1)
      members += group.branches.map { [number, 1, Double($0 + 1)] }
      members += group.hvdcLinks.map { [number, 2, Double($0 + 1)] }
      members += group.buses.map { [number, 3, Double($0.rawValue)] }
    }
    f.matrix(
      "group", Layout.groupHeader,
      n.groups.map { [Double((Layout.groupKinds.firstIndex(of: $0.kind) ?? 3) + 1), $0.ratingMW] })
    f.cell("group_name", n.groups.map(\.name), always: true)
    f.cell("group_display_name", n.groups.map { $0.displayName ?? "" })
    f.matrix("group_member", Layout.memberHeader, members)
    guard !f.text.isEmpty else { return }
    out += "\n%% gridtool network data: ignored by MATPOWER, read back by gridtool (docs/network-format.md)\n" + f.text
    let renamed = (n.buses.map(\.name) + n.generators.map(\.name) + n.branches.map(\.name) + n.loads.map(\.name)
      + n.hvdcLinks.map(\.name) + n.groups.map(\.name)).filter { !MatlabText.fitsOneLine($0) }
    if !renamed.isEmpty {
      losses.append(
        ConversionLoss(.network, count: renamed.count, "names with line breaks or control characters are written with spaces instead"))
    }
  }
}

extension MatpowerCaseWriter {
  /// Whether the HVDC links need `gridtool_hvdc`: not when every link is a `dcline` row as
  /// MATPOWER reads it (its own name `dcline N`, linear losses, its own columns, rating = PMAX).
  var needsHVDCFields: Bool {
    network.hvdcLinks.enumerated().contains { k, link in
      guard link.to != nil, link.losses.isMatpower, link.matpowerExtra.count == 10, link.name == "dcline \(k + 1)" else { return true }
      let pmax = link.matpowerExtra[MatpowerColumns.DCLineColumn.pmax.rawValue - MatpowerColumns.DCLineColumn.qf.rawValue]
      return link.ratingMW != (pmax.isFinite && pmax > 0 ? pmax : 0)
    }
  }
}

/// The text of the `mpc.gridtool_*` fields, one field at a time.
private struct GridtoolFieldText {
  var text = ""

  /// `mpc.gridtool_<field> = [ ... ];` under its column header; nothing for no rows.
  mutating func matrix(_ field: String, _ header: String, _ rows: [[Double]]) {
    guard !rows.isEmpty else { return }
    text += "\(header)\nmpc.gridtool_\(field) = [\n"
    for row in rows { text += "\t" + row.map(MatpowerWriter.number).joined(separator: "\t") + ";\n" }
    text += "];\n"
  }

  /// `mpc.gridtool_<field> = { ... };` when any text is non-empty (or `always`, for lists that
  /// pair with a matrix and must then be written even if all texts are empty).
  mutating func cell(_ field: String, _ values: [String], always: Bool = false) {
    guard values.contains(where: { !$0.isEmpty }) || (always && !values.isEmpty) else { return }
    text += "mpc.gridtool_\(field) = {\n" + values.map { "\t\(MatlabText.quoted($0));\n" }.joined() + "};\n"
  }
}

extension HVDCLossModel {
  /// Whether the losses are MATPOWER's linear `dcline` model.
  var isMatpower: Bool {
    if case .matpower = self { return true }
    return false
  }
}
