extension Technology {
  /// The MATPOWER fuel (`mpc.genfuel`, MATPOWER's `genfuels`) a technology is written as:
  /// `coal`, `ng` (gas), `wind`, `solar`, `hydro`, `nuclear`, `ess` (storage), `other`.
  public var matpowerFuel: String {
    switch self {
    case .coal: return "coal"
    case .gas: return "ng"
    case .wind: return "wind"
    case .solar: return "solar"
    case .hydro: return "hydro"
    case .nuclear: return "nuclear"
    case .storage: return "ess"
    case .other: return "other"
    }
  }

  /// The technology of a MATPOWER fuel: `ng` and `lng` are gas, `ess` and `hydrops` (pumped
  /// storage) storage, `coal`, `wind`, `solar`, `hydro`, `nuclear` themselves; every other fuel
  /// (`dfo`, `biomass`, `geothermal`, `unknown`...) is `other`. Letter case is ignored.
  public init(matpowerFuel fuel: String) {
    switch fuel.lowercased() {
    case "coal": self = .coal
    case "ng", "lng": self = .gas
    case "wind": self = .wind
    case "solar": self = .solar
    case "hydro": self = .hydro
    case "nuclear": self = .nuclear
    case "ess", "hydrops": self = .storage
    default: self = .other
    }
  }
}

extension Generator {
  /// The MATPOWER fuel of the unit: its own ``fuel`` when it has one, else its technology's.
  public var matpowerFuel: String { fuel ?? technology.matpowerFuel }
}
