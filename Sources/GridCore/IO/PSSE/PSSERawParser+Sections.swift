/// Transformers, two-terminal DC lines, switched shunts and the names of areas, zones and owners.
extension PSSERawParser {
  /// Two-winding transformers take four records, three-winding ones five; which one a
  /// transformer is, K (the third field of its first record) tells: 0 for two windings.
  mutating func readTransformers() throws(ParseError) {
    let positions = try records(.transformer)
    var i = 0
    while i < positions.count {
      let first = try record(positions[i], "transformer record 1")
      let k = try first.integer(3, "K", default: 0)
      let count = k == 0 ? 4 : 5
      guard i + count <= positions.count else {
        throw ParseError(
          .other(
            "this \(count == 4 ? "two" : "three")-winding transformer needs \(count) records, but transformer data "
              + "ends after \(positions.count - i); the file seems to be cut short or a record is missing"),
          at: first.location)
      }
      data.transformers.append(try transformer(first, windings: count - 2, records: positions[(i + 1)..<(i + count)]))
      i += count
    }
  }

  private mutating func transformer(_ r: PSSERawRecord, windings: Int, records: ArraySlice<Int>) throws(ParseError)
    -> PSSERawCase.Transformer
  {
    var buses = [try bus(r, 1, "I", element: "transformer"), try bus(r, 2, "J", element: "transformer")]
    if windings == 3 { buses.append(try bus(r, 3, "K", element: "transformer")) }
    let cw = try r.code(5, "CW", default: 1, allowed: 1...3, meaning: "1, 2 or 3 (how winding ratios are given)")
    let cz = try r.code(6, "CZ", default: 1, allowed: 1...3, meaning: "1, 2 or 3 (how impedances are given)")
    let status =
      windings == 2
      ? try r.code(12, "STAT", default: 1, allowed: 0...1, meaning: "0 (out of service) or 1 (in service)")
      : try r.code(
        12, "STAT", default: 1, allowed: 0...4,
        meaning: "0 (out), 1 (in), 2, 3 or 4 (only winding 2, 3 or 1 out of service)")
    let source = r.location, circuit = r.isBlank(4) ? "1" : r.trimmedText(4), name = r.trimmedText(11)

    let z = try record(records[records.startIndex], "transformer record 2")
    var impedances: [(r: Double, x: Double, sbase: Double)] = []
    for w in 0..<(windings == 2 ? 1 : 3) {
      let label = ["1-2", "2-3", "3-1"][w]
      impedances.append(
        (
          try z.real(3 * w + 1, "R\(label)", default: 0), try z.real(3 * w + 2, "X\(label)"),
          try z.real(3 * w + 3, "SBASE\(label)", default: data.baseMVA)
        ))
    }
    let starVM = windings == 3 ? try z.real(10, "VMSTAR", default: 1) : 1
    let starVA = windings == 3 ? try z.real(11, "ANSTAR", default: 0) : 0
    let impedanceSource = z.location

    var list: [PSSERawCase.Winding] = []
    for (w, position) in records.dropFirst().enumerated() {
      let n = w + 1
      let v = try record(position, "transformer record \(w + 3) (winding \(n))")
      // WINDV defaults to the bus base voltage when given in kV (CW = 2), else to 1 p.u.
      let busKV = data.buses[buses[w]].baseKV
      let twoWindingSecond = windings == 2 && n == 2
      list.append(
        PSSERawCase.Winding(
          ratio: try v.real(1, "WINDV\(n)", default: cw == 2 ? busKV : 1), nominalKV: try v.real(2, "NOMV\(n)", default: 0),
          angle: twoWindingSecond ? 0 : try v.real(3, "ANG\(n)", default: 0),
          rates: twoWindingSecond
            ? (0, 0, 0)
            : (try v.real(4, "RATA\(n)", default: 0), try v.real(5, "RATB\(n)", default: 0), try v.real(6, "RATC\(n)", default: 0)),
          source: v.location))
    }
    return PSSERawCase.Transformer(
      buses: buses, circuit: circuit, name: name, cw: cw, cz: cz, status: status, impedances: impedances,
      starVM: starVM, starVA: starVA, windings: list, source: source, impedanceSource: impedanceSource)
  }

  /// Three records each: the line's control data, then its rectifier and its inverter.
  mutating func readDCLines() throws(ParseError) {
    let positions = try records(.twoTerminalDC)
    guard positions.count % 3 == 0 else {
      let last = positions[positions.count - positions.count % 3]
      throw ParseError(
        .other(
          "a two-terminal DC line needs 3 records (line, rectifier, inverter), but DC line data ends after "
            + "\(positions.count % 3); the file seems to be cut short or a record is missing"),
        at: document.location(line: last))
    }
    for i in stride(from: 0, to: positions.count, by: 3) {
      let r = try record(positions[i], "two-terminal DC line record")
      let mode = try r.code(2, "MDC", default: 0, allowed: 0...2, meaning: "0 (blocked), 1 (power) or 2 (current control)")
      let setValue = try r.real(4, "SETVL", default: mode == 0 ? 0 : nil)
      let scheduledKV = try r.real(5, "VSCHD", default: mode == 2 ? nil : 0)
      let name = r.trimmedText(1), source = r.location
      let rectifier = try record(positions[i + 1], "two-terminal DC rectifier record")
      let rectifierBus = try bus(rectifier, 1, "IPR", element: "DC line rectifier")
      let rectifierAngles = (
        max: try rectifier.real(3, "ANMXR", default: 0), min: try rectifier.real(4, "ANMNR", default: 0)
      )
      let inverter = try record(positions[i + 2], "two-terminal DC inverter record")
      data.dcLines.append(
        PSSERawCase.DCLine(
          name: name, mode: mode, setValue: setValue, scheduledKV: scheduledKV, rectifier: rectifierBus,
          inverter: try bus(inverter, 1, "IPI", element: "DC line inverter"), rectifierAngles: rectifierAngles,
          inverterAngles: (max: try inverter.real(3, "ANMXI", default: 0), min: try inverter.real(4, "ANMNI", default: 0)),
          source: source))
    }
  }

  mutating func readSwitchedShunts() throws(ParseError) {
    let binit = layout.switchedShuntBInit
    for position in try records(.switchedShunt) {
      let r = try record(position, "switched shunt record")
      data.switchedShunts.append(
        PSSERawCase.SwitchedShunt(
          bus: try bus(r, 1, "I", element: "switched shunt"), initialMVAr: try r.real(binit, "BINIT", default: 0)))
    }
  }

  /// Number → name of the records of `kind` (area data: I, ISW, PDES, PTOL, 'ARNAME'), names trimmed, blank ones left out.
  mutating func readNames(_ kind: PSSERawSectionKind, nameField: Int) throws(ParseError) -> [Int: String] {
    var names: [Int: String] = [:]
    for position in try records(kind) {
      let r = try record(position, "\(kind.title.replacingOccurrences(of: " data", with: "")) record")
      let number = try r.integer(1, "I")
      let name = r.trimmedText(nameField)
      if !name.isEmpty, names[number] == nil { names[number] = name }
    }
    return names
  }
}
