extension ContiguousArray {
  /// Creates a column by writing its elements into uninitialized memory, as
  /// `init(unsafeUninitializedCapacity:initializingWith:)` does, but never with a capacity of 0.
  ///
  /// With a capacity of 0 the standard library's initializer writes the count into the
  /// storage that every empty array shares; two threads doing so, or one doing so while
  /// another reads an empty array, is a data race the thread sanitizer reports (harmless in
  /// practice, since the value written is the 0 already there, but a race all the same). Here
  /// the buffer has room for at least one element, so the count is written into the column's
  /// own storage and the threaded kernels stay clean under `swift test --sanitize=thread`.
  ///
  /// - Parameters:
  ///   - capacity: The most elements `body` may write, 0 or more.
  ///   - body: Writes the elements into the buffer and sets the count it initialized, at most
  ///     `capacity`.
  package init<E: Error>(
    columnCapacity capacity: Int,
    initializingWith body: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws(E) ->
      Void
  ) throws(E) {
    var failure: E?
    self = ContiguousArray(unsafeUninitializedCapacity: Swift.max(capacity, 1)) {
      buffer, count in
      do throws(E) {
        try body(&buffer, &count)
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }
}
