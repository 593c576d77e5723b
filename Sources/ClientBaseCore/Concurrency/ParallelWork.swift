#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits loops over clients into parts and runs the parts on several threads.
///
/// The library never decides on its own how many threads to use: the host says so (for example
/// `FitOptions.threadCount`), the way it passes the day and the random generator. Work is cut
/// into parts by the size of the data alone, and callers combine the parts' results in part
/// order, so a result is bit-for-bit the same whatever the number of threads.
///
/// Threads are plain POSIX threads started for one call and joined before it returns; the
/// calling thread runs its share too. Where threads are unavailable (or one cannot be started)
/// the caller runs every part itself.
package enum ParallelWork {
  /// How many parts a loop over `count` elements is cut into: about one per `grain` elements,
  /// at least 1 and at most `maximumParts`.
  ///
  /// - Parameters:
  ///   - count: The number of elements.
  ///   - grain: Elements per part below which splitting does not pay.
  ///   - maximumParts: The most parts.
  /// - Returns: The number of parts; depends on the data only.
  package static func partCount(for count: Int, grain: Int = 8_192, maximumParts: Int = 16)
    -> Int
  {
    guard count > 0, grain > 0 else { return 1 }
    return Swift.min(Swift.max(count / grain, 1), Swift.max(maximumParts, 1))
  }

  /// The elements of part `part` when `count` elements are cut into `parts` near-equal parts.
  ///
  /// - Parameters:
  ///   - part: The part, from 0.
  ///   - parts: The number of parts.
  ///   - count: The number of elements.
  /// - Returns: The part's range of element positions.
  package static func range(of part: Int, in parts: Int, count: Int) -> Range<Int> {
    let lower = count / parts * part + Swift.min(part, count % parts)
    let upper = lower + count / parts + (part < count % parts ? 1 : 0)
    return lower..<upper
  }

  /// Calls `body` once for each part in `0..<parts`, on up to `threads` threads, and returns the
  /// results in part order.
  ///
  /// - Parameters:
  ///   - parts: The number of parts.
  ///   - threads: The most threads to use, the calling thread included; 1 or less runs serially.
  ///   - body: The work of one part; parts must not write to shared state.
  /// - Returns: `body(0), body(1), …`.
  package static func map<Result: Sendable>(
    parts: Int, threads: Int, _ body: @Sendable (Int) -> Result
  ) -> [Result] {
    guard parts > 0 else { return [] }
    let workers = Swift.min(threads, parts)
    guard workers > 1 else { return (0..<parts).map(body) }
    let slots = ResultSlots<Result>(count: parts)
    defer { slots.deallocate() }
    withoutActuallyEscaping(body) { body in
      let run: @Sendable (Int) -> Void = { worker in
        var part = worker
        while part < parts {
          slots.store(body(part), at: part)
          part += workers
        }
      }
      startAndJoin(workers: workers, run)
    }
    return slots.collect()
  }

  /// Runs `work(1) … work(workers − 1)` on new threads and `work(0)` on this one, then waits.
  private static func startAndJoin(workers: Int, _ work: @escaping @Sendable (Int) -> Void) {
    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
      var started: [(pthread_t, Int)] = []
      var ranHere: [Int] = [0]
      for worker in 1..<workers {
        let context = Unmanaged.passRetained(ThreadContext { work(worker) }).toOpaque()
        #if canImport(Darwin)
          var thread: pthread_t?
        #else
          var thread = pthread_t()
        #endif
        if pthread_create(&thread, nil, threadEntry, context) == 0 {
          #if canImport(Darwin)
            if let thread { started.append((thread, worker)) }
          #else
            started.append((thread, worker))
          #endif
        } else {
          Unmanaged<ThreadContext>.fromOpaque(context).release()
          ranHere.append(worker)
        }
      }
      for worker in ranHere { work(worker) }
      for (thread, _) in started { pthread_join(thread, nil) }
    #else
      for worker in 0..<workers { work(worker) }
    #endif
  }
}

#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
  /// The closure a started thread runs.
  private final class ThreadContext: Sendable {
    let work: @Sendable () -> Void
    init(_ work: @escaping @Sendable () -> Void) { self.work = work }
  }

  #if canImport(Darwin)
    private func threadEntry(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
      Unmanaged<ThreadContext>.fromOpaque(context).takeRetainedValue().work()
      return nil
    }
  #else
    private func threadEntry(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
      guard let context else { return nil }
      Unmanaged<ThreadContext>.fromOpaque(context).takeRetainedValue().work()
      return nil
    }
  #endif
#endif

/// One slot per part; each part writes only its own slot, and the caller reads them after
/// every thread has been joined.
private struct ResultSlots<Result>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Result?>
  let count: Int

  init(count: Int) {
    self.count = count
    base = .allocate(capacity: count)
    base.initialize(repeating: nil, count: count)
  }

  func store(_ value: Result, at index: Int) { base[index] = value }

  func collect() -> [Result] {
    (0..<count).compactMap { base[$0] }
  }

  func deallocate() {
    base.deinitialize(count: count)
    base.deallocate()
  }
}
