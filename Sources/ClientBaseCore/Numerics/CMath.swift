#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(ucrt)
  import ucrt
#endif

// The C math functions the library uses, in one place so platform differences stay here.

@usableFromInline
@inline(__always)
func cLog(_ x: Double) -> Double { log(x) }

@usableFromInline
@inline(__always)
func cExp(_ x: Double) -> Double { exp(x) }

@usableFromInline
@inline(__always)
func cLog1p(_ x: Double) -> Double { log1p(x) }

@usableFromInline
@inline(__always)
func cExpm1(_ x: Double) -> Double { expm1(x) }

@usableFromInline
@inline(__always)
func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

@usableFromInline
@inline(__always)
func cTan(_ x: Double) -> Double { tan(x) }

@usableFromInline
@inline(__always)
func cSin(_ x: Double) -> Double { sin(x) }

/// The reentrant log-gamma where the C library has one (the plain `lgamma` writes the global
/// `signgam`, a data race when called from several threads).
@usableFromInline
func cLogGamma(_ x: Double) -> Double? {
  #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  #else
    return nil
  #endif
}
