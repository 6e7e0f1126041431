/// The data categories of a PSS/E RAW file, in the words of its section terminators
/// (`0 / END OF BUS DATA, BEGIN LOAD DATA`).
enum PSSERawSectionKind: CaseIterable, Sendable {
  case systemWide, bus, load, fixedShunt, generator, branch, systemSwitchingDevice, transformer
  case area, twoTerminalDC, vscDC, impedanceCorrection, multiTerminalDC, multiSectionLine
  case zone, interAreaTransfer, owner, facts, switchedShunt, gne, inductionMachine, substation

  /// How messages name the category (`transformer data`).
  var title: String {
    switch self {
    case .systemWide: return "system-wide data"
    case .bus: return "bus data"
    case .load: return "load data"
    case .fixedShunt: return "fixed shunt data"
    case .generator: return "generator data"
    case .branch: return "non-transformer branch data"
    case .systemSwitchingDevice: return "system switching device data"
    case .transformer: return "transformer data"
    case .area: return "area data"
    case .twoTerminalDC: return "two-terminal DC line data"
    case .vscDC: return "VSC DC line data"
    case .impedanceCorrection: return "transformer impedance correction data"
    case .multiTerminalDC: return "multi-terminal DC line data"
    case .multiSectionLine: return "multi-section line data"
    case .zone: return "zone data"
    case .interAreaTransfer: return "inter-area transfer data"
    case .owner: return "owner data"
    case .facts: return "FACTS device data"
    case .switchedShunt: return "switched shunt data"
    case .gne: return "GNE device data"
    case .inductionMachine: return "induction machine data"
    case .substation: return "substation data"
    }
  }

  /// The category a terminator's label names (`BUS` in `END OF BUS DATA`), by the words
  /// the writers of RAW files use (`BRANCH`, `NONTRANSFORMER BRANCH`, `FACTS CONTROL DEVICE`...);
  /// nil for a label that names none.
  init?(label: String) {
    let words = label.uppercased()
    func has(_ word: String) -> Bool { words.contains(word) }
    if has("SYSTEM-WIDE") || has("SYSTEM WIDE") {
      self = .systemWide
    } else if has("SWITCHING") {
      self = .systemSwitchingDevice
    } else if has("SWITCHED") {
      self = .switchedShunt
    } else if has("IMPEDANCE") {
      self = .impedanceCorrection
    } else if has("TRANSFORMER") && !has("NON") {
      self = .transformer
    } else if has("BRANCH") {
      self = .branch
    } else if has("MULTI-TERMINAL") || has("MULTI TERMINAL") {
      self = .multiTerminalDC
    } else if has("MULTI-SECTION") || has("MULTI SECTION") {
      self = .multiSectionLine
    } else if has("TWO-TERMINAL") || has("TWO TERMINAL") {
      self = .twoTerminalDC
    } else if has("VOLTAGE SOURCE") || has("VSC") {
      self = .vscDC
    } else if has("INTER-AREA") || has("INTERAREA") || has("INTER AREA") {
      self = .interAreaTransfer
    } else if has("FACTS") {
      self = .facts
    } else if has("FIXED") {
      self = .fixedShunt
    } else if has("GENERATOR") {
      self = .generator
    } else if has("LOAD") {
      self = .load
    } else if has("INDUCTION") {
      self = .inductionMachine
    } else if has("GNE") {
      self = .gne
    } else if has("SUBSTATION") {
      self = .substation
    } else if has("AREA") {
      self = .area
    } else if has("ZONE") {
      self = .zone
    } else if has("OWNER") {
      self = .owner
    } else if PSSERawText.trimmed(words) == "BUS" {
      self = .bus
    } else {
      return nil
    }
  }

  /// The categories of a revision, in file order (PSS/E Program Operation Manual; MATPOWER's
  /// `psse_parse` for revisions 29–33). Revisions 34 and 35 begin with system-wide data and
  /// add system switching devices and substations; the sections that a file may leave out
  /// are told apart by their labels (see ``PSSERawSectionMap``).
  static func order(revision: Int) -> [PSSERawSectionKind] {
    switch revision {
    case ...30:
      return [
        .bus, .load, .generator, .branch, .transformer, .area, .twoTerminalDC, .vscDC, .switchedShunt,
        .impedanceCorrection, .multiTerminalDC, .multiSectionLine, .zone, .interAreaTransfer, .owner, .facts,
      ]
    case 31...33:
      var kinds: [PSSERawSectionKind] = [
        .bus, .load, .fixedShunt, .generator, .branch, .transformer, .area, .twoTerminalDC, .vscDC,
        .impedanceCorrection, .multiTerminalDC, .multiSectionLine, .zone, .interAreaTransfer, .owner, .facts,
        .switchedShunt,
      ]
      if revision > 31 { kinds.append(.gne) }
      if revision > 32 { kinds.append(.inductionMachine) }
      return kinds
    default:
      return [
        .systemWide, .bus, .load, .fixedShunt, .generator, .branch, .systemSwitchingDevice, .transformer, .area,
        .twoTerminalDC, .vscDC, .impedanceCorrection, .multiTerminalDC, .multiSectionLine, .zone,
        .interAreaTransfer, .owner, .facts, .switchedShunt, .gne, .inductionMachine, .substation,
      ]
    }
  }

  /// Categories that revisions 34 and 35 allow a file to leave out entirely (no terminator).
  var mayBeAbsent: Bool { self == .systemWide || self == .systemSwitchingDevice || self == .substation }
}
