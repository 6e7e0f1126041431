extension NetworkFile {
  /// The network written in `format`, with the list of what that format cannot hold
  /// (``ConversionLoss``): ``MatpowerWriter/write(_:)`` or ``NativeNetworkWriter/write(_:)``.
  public static func convert(_ network: Network, to format: Format) -> NetworkConversion {
    switch format {
    case .matpower: return MatpowerWriter.write(network)
    case .yaml: return NativeNetworkWriter.write(network)
    }
  }
}
