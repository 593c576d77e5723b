"""Reference values for the Pareto/NBD tests (Tests/RetentionTests/ParetoNBDTests.swift).

Every value is computed at 50 significant digits with mpmath from the published closed forms,
independently of the Swift implementation (which uses a rearranged likelihood, its own series
and quadratures):

- log-likelihood: Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
  Expressions", eq. (22), with A0 as the difference of two 2F1 terms, branch on alpha >= beta;
  cross-checked here against the defining double integral over the gamma mixing
  distributions;
- P(alive): the same note, eq. (24); E[Y(t) | x, t_x, T]: eq. (27) (s = 1 by its limit);
- P(X(t) = n): Fader, Hardie & Lee (2006), "Deriving an expression for P(X(t) = x) under the
  Pareto/NBD model", with the finite sum of 2F1 terms; cross-checked against the mixing
  integral;
- DERT: Fader, Hardie & Lee (2005), "RFM and CLV", eq. (2), with mpmath's hyperu for Tricomi's
  U; and omega(s, z) = z^s U(s, s, z) on a grid.
- K(q1, A1, q2, A2; t) = q1 * int_t^inf (A1 + tau)^(-q1-1) (A2 + tau)^(-q2) dtau at extreme
  arguments, from Euler's integral for 2F1 without the transformation the Swift code uses.

Run: python3 Documentation/ReferenceValues/paretonbd_reference.py  (needs mpmath; takes about 20 s). The
optional last section prints side-by-side values from the Python library lifetimes 0.11.3
when it can be imported, e.g. with PYTHONPATH pointing at a virtual environment's
site-packages; it is never a dependency of the package. Paste the printed Swift literals into
the test file.
"""
from mpmath import mp, mpf, hyp2f1, hyperu, loggamma, gamma, log, exp, quad, inf, factorial
from mpmath import beta as betafn

mp.dps = 50

PARAMETERS = {
    "cdnow": (mpf("0.553"), mpf("10.578"), mpf("0.606"), mpf("11.669")),  # alpha < beta
    "alphaAbove": (mpf("1.2"), mpf("9"), mpf("0.8"), mpf("3")),            # alpha > beta
    "equalRates": (mpf("0.9"), mpf("5"), mpf("1.7"), mpf("5")),            # alpha = beta, s > 1
    "unitShape": (mpf("2.5"), mpf("4"), mpf("1"), mpf("20")),              # s = 1 exactly
    "lopsided": (mpf("0.3"), mpf("50"), mpf("0.4"), mpf("0.05")),          # alpha >> beta
}
POINTS = [
    (0, "0", "38.86"), (2, "30.43", "38.86"), (1, "1.71", "38.86"), (10, "35", "38"),
    (25, "11", "60"), (3, "3", "3"), (0, "0", "0.5"), (500, "150", "200"),
    (1, "0.000001", "0.000001"), (0, "0", "0.000001"),
]


def log_likelihood(r, a, s, b, x, tx, T):
    if a >= b:
        F = lambda t: hyp2f1(r + s + x, s + 1, r + s + x + 1, (a - b) / (a + t)) / (a + t) ** (r + s + x)
    else:
        F = lambda t: hyp2f1(r + s + x, r + x, r + s + x + 1, (b - a) / (b + t)) / (b + t) ** (r + s + x)
    A0 = F(tx) - F(T)
    return (loggamma(r + x) - loggamma(r) + r * log(a) + s * log(b)
            + log(1 / ((a + T) ** (r + x) * (b + T) ** s) + s / (r + s + x) * A0))


def log_likelihood_mixing(r, a, s, b, x, tx, T):
    """ln of the individual likelihood averaged over lambda ~ Gamma(r, a), mu ~ Gamma(s, b)."""
    def individual(l, m):
        return (l ** x * exp(-(l + m) * T)
                + l ** x * m / (l + m) * (exp(-(l + m) * tx) - exp(-(l + m) * T)))
    density = lambda v, shape, rate: rate ** shape * v ** (shape - 1) * exp(-rate * v) / gamma(shape)
    old = mp.dps
    mp.dps = 20
    value = quad(lambda l, m: individual(l, m) * density(l, r, a) * density(m, s, b),
                 [0, 0.1, 1, 10, inf], [0, 0.1, 1, 10, inf])
    mp.dps = old
    return log(value)


def p_alive(r, a, s, b, x, tx, T):
    ll = log_likelihood(r, a, s, b, x, tx, T)
    return exp(loggamma(r + x) - loggamma(r) + r * log(a) + s * log(b)
               - (r + x) * log(a + T) - s * log(b + T) - ll)


def integrated_survival(s, B, t):
    if s == 1:
        return B * log((B + t) / B)
    return B / (s - 1) * (1 - (B / (B + t)) ** (s - 1))


def expected_y(r, a, s, b, x, tx, T, t):
    return p_alive(r, a, s, b, x, tx, T) * (r + x) / (a + T) * integrated_survival(s, b + T, t)


def alive_after(r, a, s, b, x, tx, T, t):
    return p_alive(r, a, s, b, x, tx, T) * ((b + T) / (b + T + t)) ** s


def dert(r, a, s, b, x, tx, T, delta):
    L = exp(log_likelihood(r, a, s, b, x, tx, T))
    return (a ** r * b ** s * delta ** (s - 1) * gamma(r + x + 1) * hyperu(s, s, delta * (b + T))
            / (gamma(r) * (a + T) ** (r + x + 1) * L))


def expected_x(r, a, s, b, t):
    return r / a * integrated_survival(s, b, t)


def p_count(r, a, s, b, x, t):
    """Fader, Hardie & Lee (2006), P(X(t) = x)."""
    nb = (gamma(r + x) / (gamma(r) * factorial(x)) * (a / (a + t)) ** r * (t / (a + t)) ** x
          * (b / (b + t)) ** s)
    if a >= b:
        B1 = hyp2f1(r + s, s + 1, r + s + x + 1, (a - b) / a) / a ** (r + s)
        B2 = lambda i: hyp2f1(r + s + i, s + 1, r + s + x + 1, (a - b) / (a + t)) / (a + t) ** (r + s + i)
    else:
        B1 = hyp2f1(r + s, r + x, r + s + x + 1, (b - a) / b) / b ** (r + s)
        B2 = lambda i: hyp2f1(r + s + i, r + x, r + s + x + 1, (b - a) / (b + t)) / (b + t) ** (r + s + i)
    tail = sum(gamma(r + s + i) / (gamma(r + s) * factorial(i)) * t ** i * B2(i) for i in range(x + 1))
    return nb + a ** r * b ** s * betafn(r + x, s + 1) / betafn(r, s) * (B1 - tail)


def p_count_mixing(r, a, s, b, x, t):
    """Direct: E over (lambda, mu) of P(N(min(lifetime, t)) = x), with the mu-average done in
    closed form inside a one-dimensional integral over the dropout time."""
    nb = (gamma(r + x) / (gamma(r) * factorial(x)) * (a / (a + t)) ** r * (t / (a + t)) ** x
          * (b / (b + t)) ** s)
    gone = quad(lambda u: u ** x / factorial(x) * gamma(r + x) / gamma(r) * a ** r / (a + u) ** (r + x)
                * s * b ** s / (b + u) ** (s + 1), [0, t])
    return nb + gone


def log_tail(q1, A1, q2, A2, t):
    """K by Euler's integral for 2F1 without any transformation: with m = q1 + 1, n = q2,
    int_t^inf (A1 + tau)^(-m) (A2 + tau)^(-n) dtau = a^(1-m-n)/(m+n-1) 2F1(., m+n-1; m+n; z),
    a = max(A1, A2) + t, z = |A1 - A2|/a (mpmath evaluates 2F1 near z = 1 by its own
    transformations; plain quadrature is unreliable for these peaked integrands)."""
    m, n = q1 + 1, q2
    if A1 >= A2:
        a = A1 + t
        value = a ** (1 - m - n) / (m + n - 1) * hyp2f1(n, m + n - 1, m + n, (A1 - A2) / a)
    else:
        a = A2 + t
        value = a ** (1 - m - n) / (m + n - 1) * hyp2f1(m, m + n - 1, m + n, (A2 - A1) / a)
    return log(q1 * value)


def literal(v):
    return mp.nstr(v, 17, min_fixed=-5, max_fixed=6).replace("e-0", "e-").replace("e+", "e")


def main():
    print("// Per-client values: (set, x, t_x, T, ln L, P(alive), E[Y(52)], P(alive at T+20),")
    print("//   DERT(0.0027)).")
    for name, (r, a, s, b) in PARAMETERS.items():
        for (x, tx, T) in POINTS:
            tx, T = mpf(tx), mpf(T)
            ll = log_likelihood(r, a, s, b, x, tx, T)
            row = [ll, p_alive(r, a, s, b, x, tx, T), expected_y(r, a, s, b, x, tx, T, 52),
                   alive_after(r, a, s, b, x, tx, T, 20), dert(r, a, s, b, x, tx, T, mpf("0.0027"))]
            print('  ("%s", %d, %s, %s, %s),' % (name, x, literal(tx), literal(T),
                                                ", ".join(literal(v) for v in row)))
    print("// Unconditional: (set, t, E[X(t)], P(alive at t), P(X(t)=0), P(X(t)=1), P(X(t)=2),")
    print("//   P(X(t)=5), P(X(t)=20)).")
    for name, (r, a, s, b) in PARAMETERS.items():
        for t in ["1", "39", "200"]:
            t = mpf(t)
            row = [expected_x(r, a, s, b, t), (b / (b + t)) ** s] + [p_count(r, a, s, b, n, t) for n in [0, 1, 2, 5, 20]]
            print('  ("%s", %s, %s),' % (name, literal(t), ", ".join(literal(v) for v in row)))

    print("// omega(s, z) = z^s U(s, s, z): (s, z, omega).")
    for s in ["0.05", "0.5", "0.999999", "1", "1.000001", "1.5", "2", "2.5", "7.3", "39.9", "45", "300"]:
        for z in ["1e-8", "0.001", "0.1", "1", "1.999", "2.001", "10", "1000"]:
            s_, z_ = mpf(s), mpf(z)
            print("  (%s, %s, %s)," % (s, z, literal(z_ ** s_ * hyperu(s_, s_, z_))))

    print("// ln K(q1, A1, q2, A2; t) at extreme arguments: (q1, A1, q2, A2, t, ln K).")
    for (q1, A1, q2, A2, t) in [("0.3", "50", "1.4", "0.05", "0"), ("1.4", "0.05", "0.3", "50", "0"),
                                ("0.05", "1000", "0.02", "0.001", "0"), ("500.3", "50", "0.4", "0.05", "0.01"),
                                ("0.4", "0.05", "500.3", "50", "0.01"), ("2", "1e6", "3", "1", "1"),
                                ("0.02", "1", "0.03", "1e5", "0"), ("0.7", "3", "0.9", "3.0000001", "2"),
                                ("0.001", "1000", "10.001", "0.001", "0"), ("30", "1", "0.03", "1e9", "0")]:
        v = log_tail(*(mpf(u) for u in (q1, A1, q2, A2, t)))
        print("  (%s, %s, %s, %s, %s, %s)," % (q1, A1, q2, A2, t, literal(v)))

    print("// Cross-checks of the closed forms against the mixing integrals:")
    r, a, s, b = PARAMETERS["alphaAbove"]
    for (x, tx, T) in [(0, 0, 20), (3, 12, 20)]:
        closed = log_likelihood(r, a, s, b, x, mpf(tx), mpf(T))
        mixed = log_likelihood_mixing(r, a, s, b, x, mpf(tx), mpf(T))
        assert abs(closed - mixed) < 1e-10, (closed, mixed)
        print("//   ln L(%d, %s, %s): closed %s, mixing %s" % (x, tx, T, literal(closed), literal(mixed)))
    for name, (r, a, s, b) in PARAMETERS.items():
        for n in [0, 3, 20]:
            closed, mixed = p_count(r, a, s, b, n, mpf(39)), p_count_mixing(r, a, s, b, n, mpf(39))
            assert abs(closed - mixed) < 1e-30, (name, n, closed, mixed)
    print("//   P(X(39) = n): the 2F1 form agrees with the mixing integral to 1e-30 for every set.")

    try:
        import numpy as np
        import pandas as pd
        from lifetimes import ParetoNBDFitter
    except ImportError:
        return
    m = ParetoNBDFitter()
    m.params_ = pd.Series(dict(r=0.553, alpha=10.578, s=0.606, beta=11.669))
    print("// lifetimes 0.11.3 at the CDNOW parameters: (x, t_x, T, ln L, P(alive), E[Y(52)]).")
    for (x, tx, T) in POINTS[:7]:
        ll = m._conditional_log_likelihood(
            np.array([0.553, 10.578, 0.606, 11.669]), np.array([x], dtype=float),
            np.array([float(tx)]), np.array([float(T)]))
        print("  (%d, %s, %s, %.15g, %.15g, %.15g)," % (
            x, tx, T, np.ravel(ll)[0],
            np.ravel(m.conditional_probability_alive(x, float(tx), float(T)))[0],
            np.ravel(m.conditional_expected_number_of_purchases_up_to_time(52, x, float(tx), float(T)))[0]))


if __name__ == "__main__":
    main()
