/// The colour and width classes of the report's maps.
///
/// Colour: loading in % of the rating, six classes from Paul Tol's colour-blind-safe
/// "sunset" scheme with its pale middle left out (pale lines vanish on white paper):
/// three blues below 60 %, two oranges to 100 %, dark red above — hue separates
/// "fine" from "watch" for every common colour-vision deficiency, and lightness separates
/// the classes within each. Overloads carry a ring mark as well, so no reading depends on
/// colour alone. Width: by |flow|, six classes on a square-root scale of the map's largest
/// |flow|.
enum LoadingScale {
  /// Upper bounds of the colour classes, %: `c0` below 20 %, …, `c4` to 100 %, `c5` above.
  static let bounds: [Double] = [20, 40, 60, 80, 100]
  /// Colours of `c0` … `c5`, then `cn` (no rating, or outside the model).
  static let colours = ["#98CAE1", "#6EA6CD", "#4A7BB7", "#FDB366", "#F67E4B", "#A50026", "#9A9A9A"]
  /// Legend text of each colour class.
  static let labels = ["< 20 %", "20–40 %", "40–60 %", "60–80 %", "80–100 %", "> 100 %", "no rating"]
  /// Stroke widths of `w0` … `w5`, CSS pixels (kept on zoom: `vector-effect: non-scaling-stroke`).
  static let widths = [0.8, 1.4, 2.1, 3.0, 4.2, 5.6]

  /// The colour class (0…5) of a loading, 6 when there is none. Exactly 100 % is not an
  /// overload (as ``FlowReport/overloads``: above 100 % + 10⁻⁹).
  static func colourClass(_ pct: Double?) -> Int {
    guard let pct, pct.isFinite else { return 6 }
    if pct > 100 + 1e-9 { return 5 }
    for (c, bound) in bounds.enumerated() where pct < bound { return c }
    return 4
  }

  /// The width class (0…5) of `mw` on a map whose largest |flow| is `maxMW`.
  static func widthClass(_ mw: Double, maxMW: Double) -> Int {
    guard maxMW > 0, mw.isFinite else { return 0 }
    let f = (min(abs(mw), maxMW) / maxMW).squareRoot()
    return min(5, Int(f * 6))
  }

  /// The smallest |flow| of width class `c`, MW.
  static func widthFloor(_ c: Int, maxMW: Double) -> Double {
    let f = Double(c) / 6
    return maxMW * f * f
  }

  /// The CSS of the classes (`.c0{stroke:…}`, `.w0{stroke-width:…}`), once per page.
  static var css: String {
    var out = ""
    for (c, colour) in colours.enumerated() {
      let name = c == 6 ? "cn" : "c\(c)"
      out += ".\(name){stroke:\(colour)}.k\(name){background:\(colour)}"
    }
    for (c, width) in widths.enumerated() { out += ".w\(c){stroke-width:\(width)px}" }
    return out + "\n"
  }

  /// Class names, for writing without building a String per branch.
  static let colourNames: [StaticString] = ["c0", "c1", "c2", "c3", "c4", "c5", "cn"]
  static let widthNames: [StaticString] = ["w0", "w1", "w2", "w3", "w4", "w5"]
}
