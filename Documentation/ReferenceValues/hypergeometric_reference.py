"""Reference values of the Gauss hypergeometric function 2F1(a, b; c; z) at 50 digits.

Independent of the Swift implementation: mpmath evaluates 2F1 with its own arbitrary-precision
algorithms. Run: python3 hypergeometric_reference.py
"""
import mpmath

mpmath.mp.dps = 50
cases = [
    (0.243, 2.426, 3.219, 0.3), (1.5, 2.5, 3.0, 0.5), (2.243, 4.426, 6.219, 0.9),
    (25.243, 27.426, 28.219, 0.95), (0.553, 1.606, 2.159, 0.01), (50.5, 51.6, 52.1, 0.99),
    (3.0, 0.7, 4.2, 0.999), (1.0, 1.0, 2.0, -0.5), (10.0, 12.0, 3.5, 0.8),
    (0.5, 0.5, 1.5, 0.64), (200.0, 3.0, 205.0, 0.9), (5.0, 300.0, 302.0, 0.7),
]
for a, b, c, z in cases:
    v = mpmath.hyp2f1(a, b, c, z)
    print("(%r, %r, %r, %r, %s)," % (a, b, c, z, mpmath.nstr(v, 20)))
