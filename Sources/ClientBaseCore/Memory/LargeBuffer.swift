#if canImport(Glibc)
  import Glibc
#endif

/// Asks the system to back the whole 2 MB pages inside a fresh allocation of megabytes with
/// huge pages: writing it first faults a few times rather than thousands, and random reads of
/// it (a hash table's) miss the address-translation cache far less. A hint only, and nothing on
/// systems without it.
func adviseHugePages(_ start: UnsafeMutableRawPointer?, byteCount: Int) {
  #if canImport(Glibc)
    let hugePage = 1 << 21
    guard let start, byteCount >= 4 * hugePage else { return }
    let first = (Int(bitPattern: start) + hugePage - 1) & ~(hugePage - 1)
    let end = (Int(bitPattern: start) + byteCount) & ~(hugePage - 1)
    if end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) {
      _ = madvise(aligned, end - first, MADV_HUGEPAGE)
    }
  #endif
}

/// A buffer of plain values that lives for one call, with huge pages asked for when it is
/// large (see ``adviseHugePages(_:byteCount:)``).
struct LargeBuffer<Element: BitwiseCopyable> {
  let buffer: UnsafeMutableBufferPointer<Element>

  init(capacity: Int) {
    let count = max(capacity, 0)
    let start = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
    adviseHugePages(start, byteCount: count * MemoryLayout<Element>.stride)
    buffer = UnsafeMutableBufferPointer(start: start, count: count)
  }

  func deallocate() {
    buffer.baseAddress?.deallocate()
  }
}
