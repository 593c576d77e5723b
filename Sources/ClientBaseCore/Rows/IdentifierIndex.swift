/// An index from identifiers to their positions in an array of distinct identifiers, kept
/// beside that array.
///
/// The identifiers live once, in the caller's array; the index holds only 8-byte slots (open
/// addressing, linear probing, at most half full), each with a tag from the identifier's hash
/// and its position. A look-up hashes the identifier once and compares identifiers only on a
/// matching tag. Building it for half a million strings takes a fraction of what a
/// `[String: Int32]` costs, which stores every key again and misses the caches on every
/// insert.
///
/// Hashes come from `Hashable`, seeded per process like `Dictionary`'s; slot order is never
/// observable, only positions are.
struct IdentifierIndex: Sendable {
  /// Empty slots are 0; a full slot holds the hash's high 32 bits above `position + 1`.
  private var slots: ContiguousArray<UInt64>
  private var mask: Int
  /// The number of identifiers indexed.
  private(set) var count = 0
  /// The sum of the slot words `build` loaded ahead of placing each batch; kept only so that
  /// those loads stay in the program.
  private var loadedWords: UInt64 = 0

  /// An empty index with room for `capacity` identifiers before it grows.
  init(capacity: Int = 0) {
    var size = 16
    while size < 2 * capacity { size *= 2 }
    slots = ContiguousArray(repeating: 0, count: size)
    mask = size - 1
  }

  /// The index of `ids`, or the position of the first identifier that repeats an earlier one.
  ///
  /// - Complexity: O(*n*), one hash per identifier.
  static func build<ID: Hashable>(_ ids: [ID]) -> Result<IdentifierIndex, DuplicateIdentifier> {
    var index = IdentifierIndex(capacity: ids.count)
    let mask = index.mask
    // Identifiers are hashed a batch at a time, then the batch's first slots are loaded in a
    // tight loop before any is placed: with many clients the slots outgrow the caches, and
    // loads issued together wait for memory together rather than one after another.
    let batch = 64
    var hashes = ContiguousArray<Int>(repeating: 0, count: batch)
    var duplicate: Int?
    var loaded: UInt64 = 0
    index.slots.withUnsafeMutableBufferPointer { slots in
      hashes.withUnsafeMutableBufferPointer { hashes in
        var start = 0
        while start < ids.count {
          let end = Swift.min(start + batch, ids.count)
          for position in start..<end { hashes[position - start] = ids[position].hashValue }
          var words: UInt64 = 0
          for k in 0..<(end - start) { words &+= slots[hashes[k] & mask] }
          loaded &+= words
          for position in start..<end {
            let hash = hashes[position - start]
            let tag = IdentifierIndex.tag(hash)
            var slot = hash & mask
            while true {
              let value = slots[slot]
              if value == 0 { break }
              if value & 0xFFFF_FFFF_0000_0000 == tag,
                ids[Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1] == ids[position]
              {
                duplicate = position
                return
              }
              slot = (slot &+ 1) & mask
            }
            slots[slot] = tag | UInt64(position + 1)
          }
          start = end
        }
      }
    }
    // Kept, so that the batches' loads are not optimised away.
    index.loadedWords = loaded
    if let duplicate { return .failure(DuplicateIdentifier(position: duplicate)) }
    index.count = ids.count
    return .success(index)
  }

  /// A repeated identifier found while building an index.
  struct DuplicateIdentifier: Error {
    /// The position of the repeat.
    var position: Int
  }

  @inline(__always)
  private static func tag(_ hash: Int) -> UInt64 {
    UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF_0000_0000
  }

  /// The position of `id` in `ids`, the array this index was built for.
  @inline(__always)
  func position<ID: Hashable>(of id: ID, in ids: [ID]) -> Int32? {
    let hash = id.hashValue
    let tag = IdentifierIndex.tag(hash)
    var slot = hash & mask
    return slots.withUnsafeBufferPointer { slots in
      while true {
        let value = slots[slot]
        if value == 0 { return nil }
        if value & 0xFFFF_FFFF_0000_0000 == tag {
          let position = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
          if ids[position] == id { return Int32(truncatingIfNeeded: position) }
        }
        slot = (slot &+ 1) & mask
      }
    }
  }

  /// Records that `ids[position]` is `id`, unless an equal identifier is indexed already.
  ///
  /// - Returns: Whether `id` was new.
  @discardableResult
  mutating func insert<ID: Hashable>(_ position: Int, of id: ID, in ids: [ID]) -> Bool {
    if 2 * (count + 1) > slots.count { grow(ids) }
    let hash = id.hashValue
    let tag = IdentifierIndex.tag(hash)
    var slot = hash & mask
    let mask = mask
    let isNew = slots.withUnsafeMutableBufferPointer { slots in
      while true {
        let value = slots[slot]
        if value == 0 { break }
        if value & 0xFFFF_FFFF_0000_0000 == tag,
          ids[Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1] == id
        {
          return false
        }
        slot = (slot &+ 1) & mask
      }
      slots[slot] = tag | UInt64(position + 1)
      return true
    }
    if isNew { count += 1 }
    return isNew
  }

  /// Doubles the slots, placing every identifier again (hashed again from `ids`).
  private mutating func grow<ID: Hashable>(_ ids: [ID]) {
    let old = slots
    slots = ContiguousArray(repeating: 0, count: old.count * 2)
    mask = slots.count - 1
    let mask = mask
    slots.withUnsafeMutableBufferPointer { slots in
      for value in old where value != 0 {
        let hash = ids[Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1].hashValue
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = value
      }
    }
  }
}
