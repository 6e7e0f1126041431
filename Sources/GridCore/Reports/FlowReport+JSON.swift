extension FlowReport {
  /// The JSON contract of `gridtool solve --format json` (documented in docs/json-output.md).
  /// Arrays are in input order; `index` is the 1-based input row; MW and degrees.
  public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

  /// The same JSON as UTF-8 bytes, without building a String.
  public func jsonBytes() -> [UInt8] { Array(jsonChunks().joined()) }

  /// The JSON as consecutive chunks of UTF-8, to be written one after another
  /// (``AtomicFile/write(chunks:to:replacingReadOnly:)``): a large network's text is never copied into one buffer.
  public func jsonChunks() -> [[UInt8]] {
    var chunks: [[UInt8]] = []
    writeJSON { chunks.append($0) }
    return chunks
  }

  /// The JSON handed to `sink` chunk by chunk, in order (e.g. to an ``AtomicFile/Stream``).
  ///
  /// The bus and branch arrays, nearly all of the text for a large network, are formatted in
  /// pieces of a few thousand rows, spread over `parallelism`'s threads and handed to `sink`
  /// in order on the calling thread, each as soon as it is ready, so writing overlaps
  /// formatting. The text does not depend on `parallelism`. `sink`'s error, if it throws,
  /// is rethrown and nothing more is formatted.
  public func writeJSON<Failure: Error>(
    parallelism: Parallelism = .automatic, to sink: ([UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    try writeJSON(extending: nil, parallelism: parallelism, to: sink)
  }

  /// The solve JSON, or a document that extends it (`gridtool-opf/1`): `fields` names the
  /// format and adds its fields to the summary, buses, branches and generators, and its own sections.
  func writeJSON<Failure: Error>(
    extending fields: (any FlowReportJSONFields)?, parallelism: Parallelism = .automatic,
    to sink: ([UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    let n = network
    let busPieces = JSONWriter.pieces(of: n.buses.count), branchPieces = JSONWriter.pieces(of: n.branches.count)
    var w = JSONWriter()
    w.beginObject()
    w.field("format", fields?.format ?? "gridtool-solve/1")
    w.field("network", n.name)
    w.field("base_mva", n.baseMVA)
    w.beginObject("summary")
    w.field("buses", n.buses.count)
    w.field("branches", n.branches.count)
    // Counted in place: filtering would copy every branch (names and sources included).
    var inService = 0
    for k in n.branches.indices where n.branches[k].inService { inService += 1 }
    w.field("branches_in_service", inService)
    w.field("generators", n.generators.count)
    w.field("hvdc_links", n.hvdcLinks.count)
    w.field("islands", islands.count)
    w.field("islands_solved", islands.filter(\.solved).count)
    w.field("total_generation_mw", totals.generationMW)
    w.field("total_load_mw", totals.loadMW)
    w.field("unserved_load_mw", totals.unservedLoadMW)
    w.field("hvdc_send_mw", totals.hvdcSendMW)
    w.field("hvdc_receive_mw", totals.hvdcReceiveMW)
    w.field("hvdc_loss_mw", totals.hvdcLossMW)
    w.field("slack_mw", totals.slackMW)
    // An OPF has no slack (its fields extend the document); a power flow says how it shared one.
    if fields == nil { w.field("slack_policy", result.slackPolicy.name) }
    w.field("max_loading_pct", loadingPct.compactMap { $0 }.max())
    w.field("overloads", overloads.count)
    w.field("overloaded_branches", integers: overloads.map { $0 + 1 })
    fields?.summary(&w)
    w.endObject()

    w.beginArray("islands")
    for island in islands {
      w.beginObject()
      w.field("island", island.index + 1)
      w.field("buses", island.busCount)
      w.field("solved", island.solved)
      w.field("reference_buses", integers: island.referenceBuses.map(\.rawValue))
      w.field("promoted_reference", island.promotedReference)
      w.field("slack_mw", island.slackMW)
      w.field("slack_generators", integers: island.slackGenerators.map { $0 + 1 })
      w.field("slack_generators_p_mw", numbers: island.slackGenerators.map { result.generatorMW[$0] })
      w.field("factorization", island.factorization?.rawValue)
      w.endObject()
    }
    w.endArray()

    try sink(w.handOverBeforeSection())
    let branchSeparator = w.handOverBeforeSection()
    try parallelism.produceInOrder(busPieces.count + branchPieces.count) { k in
      let isBus = k < busPieces.count
      let rows = isBus ? busPieces[k] : branchPieces[k - busPieces.count]
      var piece = JSONWriter(capacity: (isBus ? 128 : 256) * rows.count + 64)
      if isBus {
        piece.arrayPiece("buses", rows: rows, of: n.buses.count) { w, p in
          writeBus(p, &w)
          fields?.bus(p, &w)
          w.endObject()
        }
      } else {
        piece.arrayPiece("branches", rows: rows, of: n.branches.count) { w, k in
          writeBranch(k, &w)
          fields?.branch(k, &w)
          w.endObject()
        }
      }
      return (k, piece.take())
    } consume: { (k, piece) throws(Failure) in
      if k == busPieces.count { try sink(branchSeparator) }
      try sink(piece)
    }

    w.beginArray("generators")
    for (k, g) in n.generators.enumerated() {
      w.beginObject()
      w.field("index", k + 1)
      w.field("name", g.name.isEmpty ? nil : g.name)
      w.field("bus", g.bus.rawValue)
      w.field("technology", g.technology.rawValue)
      w.field("p_mw", result.generatorMW[k])
      w.field("in_service", g.inService)
      fields?.generator(k, &w)
      w.endObject()
    }
    w.endArray()

    w.beginArray("hvdc")
    for (k, link) in n.hvdcLinks.enumerated() {
      let t = result.hvdc[k]
      w.beginObject()
      w.field("index", k + 1)
      w.field("name", link.name)
      w.field("from", link.from.rawValue)
      if let to = link.to { w.field("to", to.rawValue) } else { w.field("to", link.externalReceiver ?? "external") }
      w.field("p_send_mw", t.sendMW)
      w.field("p_recv_mw", t.receiveMW)
      w.field("loss_mw", t.lossMW)
      w.field("rating_mw", link.ratingMW)
      w.field("in_service", link.inService)
      fields?.hvdc(k, &w)
      w.endObject()
    }
    w.endArray()

    w.beginArray("corridors")
    for c in corridors {
      w.beginObject()
      w.field("name", c.name)
      w.field("display_name", c.displayName)
      w.field("p_send_mw", c.sendMW)
      w.field("p_recv_mw", c.receiveMW)
      w.field("loss_mw", c.lossMW)
      w.field("rating_mw", c.ratingMW)
      w.field("utilization_pct", c.utilizationPct)
      w.endObject()
    }
    w.endArray()

    w.beginArray("rings")
    for r in rings {
      w.beginObject()
      w.field("name", r.name)
      w.field("display_name", r.displayName)
      w.field("branches", integers: r.branches.map { $0 + 1 })
      w.field("max_loading_pct", r.maxLoadingPct)
      w.endObject()
    }
    w.endArray()

    fields?.sections(&w)
    w.field("diagnostics", strings: (diagnostics + (fields?.diagnostics ?? [])).map(\.description))
    w.endObject()
    w.endDocument()
    try sink(w.take())
  }

  // The records are left open for the fields of an extending document; the caller closes them.
  // Fields are read in place, not through a copy of the bus or branch: a copy retains its
  // strings, and the threads formatting side by side would contend for their shared counts.
  private func writeBus(_ p: Int, _ w: inout JSONWriter) {
    w.beginObject()
    w.field("id", network.buses[p].id.rawValue)
    w.field("name", network.buses[p].name.isEmpty ? nil : network.buses[p].name)
    w.field("angle_deg", result.angleDeg[p])
    w.field("island", integer: busIsland[p].map { $0 + 1 })
    w.field("injection_mw", result.busInjectionMW[p])
  }

  private func writeBranch(_ k: Int, _ w: inout JSONWriter) {
    w.beginObject()
    w.field("index", k + 1)
    w.field("name", network.branches[k].name.isEmpty ? nil : network.branches[k].name)
    w.field("from", network.branches[k].from.rawValue)
    w.field("to", network.branches[k].to.rawValue)
    w.field("p_from_mw", result.branchFlowMW[k], negatedAs: "p_to_mw")
    w.field("rating_mw", network.branches[k].ratingMW)
    w.field("loading_pct", loadingPct[k])
    w.field("in_service", network.branches[k].inService)
  }
}

/// The fields a document built on the solve JSON adds (the OPF's prices), each written at the
/// end of its object: `summary`, a bus, branch,
/// generator or HVDC link, then whole sections before `diagnostics`.
protocol FlowReportJSONFields: Sendable {
  var format: String { get }
  var diagnostics: [Diagnostic] { get }
  func summary(_ w: inout JSONWriter)
  func bus(_ position: Int, _ w: inout JSONWriter)
  func branch(_ index: Int, _ w: inout JSONWriter)
  func generator(_ index: Int, _ w: inout JSONWriter)
  func hvdc(_ index: Int, _ w: inout JSONWriter)
  func sections(_ w: inout JSONWriter)
}
