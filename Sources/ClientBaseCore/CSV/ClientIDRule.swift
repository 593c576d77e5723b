// What a client id read from a file may be, shared by every decoder that reads ids.
//
// An id is the field's text after unquoting, taken as it is (spaces included, RFC 4180). It
// must be valid UTF-8, hold no control character (U+0000–U+001F, tab and line breaks among
// them, and U+007F), and not be empty or only spaces: such ids print as nothing, break the
// lines of a report, or end a C string early, and are nearly always a broken export rather
// than a real client. Only ASCII bytes encode those characters in UTF-8 (every byte of a
// multi-byte sequence is 0x80 or above), so the check runs on the bytes.

/// Why the bytes of a client id break the rule for ids, leaving UTF-8 validity aside, or
/// `nil` when they keep it.
func clientIDByteProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
  identifierByteProblem(bytes, noun: "client id")
}

/// Why the bytes of an identifier break the rule for ids (the client ids' rule, which manager
/// ids, service names and the other names of the host files keep too), or `nil`; `noun` names
/// it in the message ("the manager id is empty").
func identifierByteProblem(_ bytes: UnsafeBufferPointer<UInt8>, noun: String) -> String? {
  if bytes.isEmpty { return "the \(noun) is empty" }
  var isBlank = true
  for byte in bytes {
    if byte < 0x20 || byte == 0x7F {
      return "the \(noun) holds a control character (\(unicodeName(byte)))"
    }
    if byte != 0x20 { isBlank = false }
  }
  return isBlank ? "the \(noun) is only spaces" : nil
}

/// Why a client id breaks the rule for ids, or `nil` when it keeps it.
///
/// A `String` is valid Unicode already; the bytes of its UTF-8 are checked as a decoder
/// checks a field.
func clientIDProblem(_ id: String) -> String? {
  identifierProblem(id, noun: "client id")
}

/// Why an identifier breaks the rule for ids, or `nil` when it keeps it; `noun` names it.
func identifierProblem(_ id: String, noun: String) -> String? {
  var id = id
  return id.withUTF8 { identifierByteProblem($0, noun: noun) }
}

/// `U+000A` for the byte 0x0A.
private func unicodeName(_ byte: UInt8) -> String {
  let digits = String(byte, radix: 16, uppercase: true)
  return "U+" + String(repeating: "0", count: 4 - digits.count) + digits
}
