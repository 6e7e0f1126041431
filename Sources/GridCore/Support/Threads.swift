import CSystem

/// Threads that start at once on another CPU (see `gridcore_start_thread`).
enum Threads {
  /// Runs `body` on a new thread; on the calling thread when none can be made.
  static func start(_ body: @escaping @Sendable () -> Void) {
    let box = Unmanaged.passRetained(Body(body)).toOpaque()
    let failed = gridcore_start_thread({ context in
      Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
    }, box)
    if failed != 0 {
      Unmanaged<Body>.fromOpaque(box).takeRetainedValue().run()
    }
  }

  private final class Body: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
  }
}
