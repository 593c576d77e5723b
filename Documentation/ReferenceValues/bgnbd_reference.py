"""Reference values for the BG/NBD, MBG/NBD and Gamma-Gamma tests.

Computed with the Python library lifetimes 0.11.3 (a side-by-side check, never a dependency
of the package) at fixed parameters, so the Swift tests can compare with the numbers
analysts already trust. Run: python3 bgnbd_reference.py (with lifetimes installed).
"""
import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, GammaGammaFitter

points = [(0, 0.0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (10, 35.0, 38.0),
          (25, 11.0, 60.0), (3, 3.0, 3.0), (0, 0.0, 0.5)]
params = dict(r=0.243, alpha=4.414, a=0.793, b=2.426)

def fitted(cls):
    m = cls()
    m.params_ = pd.Series(params)
    return m

for name, cls in [("bgnbd", BetaGeoFitter), ("mbgnbd", ModifiedBetaGeoFitter)]:
    m = fitted(cls)
    x = np.array([p[0] for p in points], dtype=float)
    tx = np.array([p[1] for p in points])
    T = np.array([p[2] for p in points])
    print(name)
    for (xi, txi, Ti) in points:
        one = -m._negative_log_likelihood(
            np.log([params['r'], params['alpha'], params['a'], params['b']]),
            np.array([xi], dtype=float), np.array([txi]), np.array([Ti]), np.array([1.0]), 0.0)
        one = np.ravel(one)[0]
        print("  (%d, %r, %r): ll=%.15g alive=%.15g ey52=%.15g" % (
            xi, txi, Ti, one,
            np.ravel(m.conditional_probability_alive(xi, txi, Ti))[0],
            np.ravel(m.conditional_expected_number_of_purchases_up_to_time(52, xi, txi, Ti))[0]))
    for t in [1.0, 10.0, 52.0, 200.0]:
        print("  E[X(%g)]=%.15g" % (t, np.ravel(m.expected_number_of_purchases_up_to_time(t))[0]))
    for n in [0, 1, 2, 5]:
        print("  P(X(39)=%d)=%.15g" % (n, np.ravel(m.probability_of_n_purchases_up_to_time(39, n))[0]))

gg = GammaGammaFitter()
gg.params_ = pd.Series(dict(p=6.25, q=3.74, v=15.44))
print("gammagamma")
for (x, m) in [(1, 20.0), (5, 35.5), (40, 12.25)]:
    print("  (%d, %r): spend=%.15g" % (x, m, float(gg.conditional_expected_average_profit(
        pd.Series([x]), pd.Series([m])).iloc[0])))
