// Interning client ids by their bytes, so a row whose client was seen before costs a hash and
// a comparison, and no `String`.
//
// Open-addressing tables (linear probing, at most half full) map the bytes of each distinct id
// to its client index. With many clients a table outgrows the caches, and a look-up costs a
// trip to memory for the slot, so a slot holds everything needed to decide a match: for ids
// of up to 8 bytes (`c123456`) a 16-byte slot with the id itself; for longer ids a 32-byte
// slot, half a cache line, with the hash, the first 16 bytes and, beyond 16 bytes, an offset
// into an arena holding the rest. Ids are copied, because a quoted id with escaped quotes
// exists in the input only in its escaped form.
//
// Several byte sequences may map to one client: Swift compares strings by canonical
// equivalence, so "K" and the Kelvin sign U+212A are one client to `PurchaseLog<String>` even
// though their bytes differ. The caller decides that; this table only knows bytes.

/// The key of one id: its hash, and its first 16 bytes packed into two words.
struct ClientIDKey {
  /// Never 0 for a real key.
  var hash: UInt64
  var count: Int
  /// The first 16 bytes, zero-padded (all of them when `count <= 16`).
  var head0: UInt64
  var head1: UInt64

  /// The key of no bytes, a placeholder.
  init() {
    hash = 0
    count = 0
    head0 = 0
    head1 = 0
  }

  /// The key of the `count` bytes at `bytes`.
  ///
  /// Reads only those bytes, never past them.
  @inline(__always)
  init(_ bytes: UnsafePointer<UInt8>, count: Int) {
    self.count = count
    let raw = UnsafeRawPointer(bytes)
    if count >= 16 {
      head0 = raw.loadUnaligned(as: UInt64.self)
      head1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    } else if count >= 8 {
      head0 = raw.loadUnaligned(as: UInt64.self)
      head1 = ClientIDKey.pack(bytes + 8, count: count - 8)
    } else {
      head0 = ClientIDKey.pack(bytes, count: count)
      head1 = 0
    }
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
    h = (h ^ head0) &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 29
    h = (h ^ head1) &* 0x94D0_49BB_1331_11EB
    var i = 16
    while i + 8 <= count {
      h ^= h >> 29
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      i += 8
    }
    if i < count {
      h ^= h >> 29
      h = (h ^ ClientIDKey.pack(bytes + i, count: count - i)) &* 0x94D0_49BB_1331_11EB
    }
    h ^= h >> 32
    hash = h | 1
  }

  /// Up to 8 bytes in a word, in memory order, the rest zero.
  @inline(__always)
  private static func pack(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
    // Built as a little-endian number, then stored as memory holds it, so that a packed word
    // equals a word loaded from the same bytes on any platform.
    var word: UInt64 = 0
    var i = count
    while i > 0 {
      i -= 1
      word = word &<< 8 | UInt64(bytes[i])
    }
    return UInt64(littleEndian: word)
  }
}

/// The byte-keyed tables from client ids to client indices.
///
/// A class so that its manually allocated storage is freed however decoding ends (`deinit`).
/// It never leaves the decoding call that creates it.
final class ClientIDInterner {
  /// A slot for an id of 1 to 8 bytes.
  private struct ShortSlot {
    /// The id's bytes, zero-padded.
    var bytes: UInt64
    /// The byte count in the low 32 bits (0 when the slot is empty), the client in the high.
    var countAndClient: UInt64
  }

  /// A slot for an id of more than 8 bytes.
  private struct LongSlot {
    /// The key's hash, or 0 when the slot is empty.
    var hash: UInt64
    /// The byte count in the low 32 bits, the client index in the high 32.
    var countAndClient: UInt64
    /// The first 16 bytes of the id; for an id longer than 16 bytes, `head1` is replaced by
    /// the offset of the whole id in the arena.
    var head0: UInt64
    var head1: UInt64
  }

  private var shortSlots: UnsafeMutablePointer<ShortSlot>
  private var shortMask: Int
  private var shortCount = 0
  private var longSlots: UnsafeMutablePointer<LongSlot>
  private var longMask: Int
  private var longCount = 0
  private var arena: UnsafeMutablePointer<UInt8>
  private var arenaCapacity: Int
  private var arenaCount = 0

  init() {
    shortMask = 1023
    shortSlots = ClientIDInterner.emptySlots(shortMask + 1)
    longMask = 255
    longSlots = ClientIDInterner.emptySlots(longMask + 1)
    arenaCapacity = 4096
    arena = .allocate(capacity: arenaCapacity)
  }

  deinit {
    shortSlots.deallocate()
    longSlots.deallocate()
    arena.deallocate()
  }

  /// The number of distinct byte sequences held.
  var count: Int { shortCount + longCount }

  /// Where ``keep(_:)`` puts the words batches of ``firstSlotWord(_:)`` loaded, so that those
  /// loads are not optimised away.
  private(set) var touched: UInt64 = 0

  /// Loads the slot where a look-up of `key` starts, so that a batch of look-ups issues its
  /// memory reads together: with hundreds of thousands of clients the table outgrows the
  /// caches, and reads issued one after another wait for memory one at a time.
  ///
  /// Add the words of a batch in a local variable and hand the sum to ``keep(_:)`` once: a
  /// running sum in the table itself would be stored after every load.
  @inline(__always)
  func firstSlotWord(_ key: ClientIDKey) -> UInt64 {
    if key.count <= 8 {
      return shortSlots[Int(truncatingIfNeeded: key.hash >> 7) & shortMask].countAndClient
    }
    return longSlots[Int(truncatingIfNeeded: key.hash >> 7) & longMask].hash
  }

  /// Keeps the sum of a batch's ``firstSlotWord(_:)`` loads.
  @inline(__always)
  func keep(_ words: UInt64) { touched &+= words }

  /// The client index of the id whose `key` was made from `key.count` bytes at `bytes`, or
  /// `nil` when the id is new.
  @inline(__always)
  func client(_ bytes: UnsafePointer<UInt8>, key: ClientIDKey) -> Int32? {
    let count = UInt64(truncatingIfNeeded: key.count)
    if key.count <= 8 {
      var slot = Int(truncatingIfNeeded: key.hash >> 7) & shortMask
      while true {
        let candidate = shortSlots[slot]
        if candidate.countAndClient == 0 { return nil }
        if candidate.bytes == key.head0, candidate.countAndClient & 0xFFFF_FFFF == count {
          return Int32(truncatingIfNeeded: candidate.countAndClient >> 32)
        }
        slot = (slot &+ 1) & shortMask
      }
    }
    var slot = Int(truncatingIfNeeded: key.hash >> 7) & longMask
    while true {
      let candidate = longSlots[slot]
      if candidate.hash == 0 { return nil }
      if candidate.hash == key.hash, candidate.countAndClient & 0xFFFF_FFFF == count,
        candidate.head0 == key.head0
      {
        if key.count <= 16 {
          if candidate.head1 == key.head1 {
            return Int32(truncatingIfNeeded: candidate.countAndClient >> 32)
          }
        } else if ClientIDInterner.equal(
          arena + Int(truncatingIfNeeded: candidate.head1), bytes, count: key.count)
        {
          return Int32(truncatingIfNeeded: candidate.countAndClient >> 32)
        }
      }
      slot = (slot &+ 1) & longMask
    }
  }

  /// Records that the id whose `key` was made from `key.count` bytes at `bytes` is `client`.
  ///
  /// The id must not be in the table yet, and `key.count` must be 1 to 2^32 - 1.
  func insert(_ bytes: UnsafePointer<UInt8>, key: ClientIDKey, client: Int32) {
    let countAndClient =
      UInt64(truncatingIfNeeded: key.count) | UInt64(UInt32(bitPattern: client)) << 32
    if key.count <= 8 {
      if (shortCount + 1) * 2 > shortMask + 1 { growShortSlots() }
      place(ShortSlot(bytes: key.head0, countAndClient: countAndClient), hash: key.hash)
      shortCount += 1
      return
    }
    if (longCount + 1) * 2 > longMask + 1 { growLongSlots() }
    var head1 = key.head1
    if key.count > 16 {
      if arenaCount + key.count > arenaCapacity {
        var capacity = arenaCapacity * 2
        while capacity < arenaCount + key.count { capacity *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        new.update(from: arena, count: arenaCount)
        arena.deallocate()
        arena = new
        arenaCapacity = capacity
      }
      (arena + arenaCount).update(from: bytes, count: key.count)
      head1 = UInt64(truncatingIfNeeded: arenaCount)
      arenaCount += key.count
    }
    place(
      LongSlot(hash: key.hash, countAndClient: countAndClient, head0: key.head0, head1: head1))
    longCount += 1
  }

  private func place(_ value: ShortSlot, hash: UInt64) {
    var slot = Int(truncatingIfNeeded: hash >> 7) & shortMask
    while shortSlots[slot].countAndClient != 0 { slot = (slot &+ 1) & shortMask }
    shortSlots[slot] = value
  }

  private func place(_ value: LongSlot) {
    var slot = Int(truncatingIfNeeded: value.hash >> 7) & longMask
    while longSlots[slot].hash != 0 { slot = (slot &+ 1) & longMask }
    longSlots[slot] = value
  }

  private func growShortSlots() {
    let old = shortSlots
    let oldCount = shortMask + 1
    shortSlots = ClientIDInterner.emptySlots(oldCount * 2)
    shortMask = oldCount * 2 - 1
    for slot in 0..<oldCount where old[slot].countAndClient != 0 {
      // The hash is recomputed from the bytes, which the slot holds in full.
      var bytes = old[slot].bytes
      let count = Int(truncatingIfNeeded: old[slot].countAndClient & 0xFFFF_FFFF)
      let key = withUnsafeBytes(of: &bytes) {
        ClientIDKey($0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
      }
      place(old[slot], hash: key.hash)
    }
    old.deallocate()
  }

  private func growLongSlots() {
    let old = longSlots
    let oldCount = longMask + 1
    longSlots = ClientIDInterner.emptySlots(oldCount * 2)
    longMask = oldCount * 2 - 1
    for slot in 0..<oldCount where old[slot].hash != 0 {
      place(old[slot])
    }
    old.deallocate()
  }

  private static func emptySlots<Slot>(_ count: Int) -> UnsafeMutablePointer<Slot> {
    // All-zero bytes are an empty slot of either kind.
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: count * MemoryLayout<Slot>.stride, alignment: MemoryLayout<Slot>.alignment)
    adviseHugePages(raw, byteCount: count * MemoryLayout<Slot>.stride)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: count * MemoryLayout<Slot>.stride)
    return raw.bindMemory(to: Slot.self, capacity: count)
  }

  @inline(__always)
  private static func equal(
    _ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int
  ) -> Bool {
    let ra = UnsafeRawPointer(a)
    let rb = UnsafeRawPointer(b)
    var i = 0
    while i + 8 <= count {
      if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      {
        return false
      }
      i += 8
    }
    while i < count {
      if a[i] != b[i] { return false }
      i += 1
    }
    return true
  }
}
