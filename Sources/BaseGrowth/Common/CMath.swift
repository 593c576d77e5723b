#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(ucrt)
  import ucrt
#endif

// The C math functions this module uses, in one place.

@usableFromInline @inline(__always) func cLog(_ x: Double) -> Double { log(x) }
@usableFromInline @inline(__always) func cExp(_ x: Double) -> Double { exp(x) }
@usableFromInline @inline(__always) func cLog1p(_ x: Double) -> Double { log1p(x) }
