/// A read-only buffer handed to the parts of a parallel loop, which read it after the owner
/// has pinned it and before it is released.
struct SendableBuffer<Element>: @unchecked Sendable {
  let base: UnsafeBufferPointer<Element>
  init(_ base: UnsafeBufferPointer<Element>) { self.base = base }
}

/// A mutable buffer whose disjoint parts are written by the parts of a parallel loop.
struct SendableMutableBuffer<Element>: @unchecked Sendable {
  let base: UnsafeMutableBufferPointer<Element>
  init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
}
