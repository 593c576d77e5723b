"""Reference values for the BG/BB tests (Tests/RetentionTests/BGBBTests.swift).

Computed with the Python library lifetimes 0.11.3 (BetaGeoBetaBinomFitter; a side-by-side
check, never a dependency of the package) at the parameters Fader, Hardie & Shang (2010,
"Customer-Base Analysis in a Discrete-Time Noncontractual Setting", Marketing Science 29(6))
publish for the 1995 donor cohort: alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783.
Also fits lifetimes on the same data (lifetimes.datasets.load_donations) for its optimum.

Run: python3 bgbb_reference.py (with lifetimes installed).

Note: lifetimes adds 1e-15 to the sum term of the likelihood (a guard against log 0); at
these histories that moves the values by less than 1e-13 relative.
"""
import numpy as np
import pandas as pd
from lifetimes import BetaGeoBetaBinomFitter
from lifetimes.datasets import load_donations

donations = load_donations()
print("donations (frequency, recency, periods, weights):")
for row in donations.itertuples(index=False):
    print("  (%d, %d, %d, %d)," % tuple(row))

params = dict(alpha=1.204, beta=0.750, gamma=0.657, delta=2.783)
logp = np.log([params[k] for k in ("alpha", "beta", "gamma", "delta")])

m = BetaGeoBetaBinomFitter()
m.params_ = pd.Series(params)
m.data = pd.DataFrame({
    "frequency": donations["frequency"], "recency": donations["recency"],
    "n_periods": donations["periods"], "weights": donations["weights"]})

ll = -BetaGeoBetaBinomFitter._negative_log_likelihood(
    logp, donations["frequency"].values, donations["recency"].values,
    donations["periods"].values, donations["weights"].values, 0) * donations["weights"].sum()
print("total LL at published parameters: %.10f" % ll)

histories = [(0, 0, 6), (1, 1, 6), (1, 6, 6), (2, 2, 6), (3, 5, 6), (4, 6, 6), (6, 6, 6),
             (2, 3, 10), (5, 8, 10), (0, 0, 1), (1, 1, 1)]
print("per history: ll, alive(m=0), alive(m=1), alive(m=5), E[X(n, n+5)], E[X(n, n+10)]")
for (x, tx, n) in histories:
    xa, ta, na = np.array([x]), np.array([tx]), np.array([n])
    one = float(np.ravel(BetaGeoBetaBinomFitter._loglikelihood(
        [params["alpha"], params["beta"], params["gamma"], params["delta"]], xa, ta, na))[0])
    a0 = float(np.ravel(m.conditional_probability_alive(0, xa, ta, na))[0])
    a1 = float(np.ravel(m.conditional_probability_alive(1, xa, ta, na))[0])
    a5 = float(np.ravel(m.conditional_probability_alive(5, xa, ta, na))[0])
    e5 = float(np.ravel(m.conditional_expected_number_of_purchases_up_to_time(5, xa, ta, na))[0])
    e10 = float(np.ravel(m.conditional_expected_number_of_purchases_up_to_time(10, xa, ta, na))[0])
    print("  (%d, %d, %d, %.15g, %.15g, %.15g, %.15g, %.15g, %.15g)," % (
        x, tx, n, one, a0, a1, a5, e5, e10))

table = m.expected_number_of_transactions_in_first_n_periods(6)
total = donations["weights"].sum()
print("P(X(6) = x) (lifetimes' expected counts / %d):" % total)
for x, value in zip(table.index, table["model"].values):
    print("  %d: %.15g" % (x, value / total))
print("E[X(6)] = sum x P(X(6)=x): %.15g" % float(
    sum(x * v / total for x, v in zip(table.index, table["model"].values))))

fitter = BetaGeoBetaBinomFitter()
fitter.fit(donations["frequency"], donations["recency"], donations["periods"],
           weights=donations["weights"])
print("lifetimes fit: %s" % ", ".join(
    "%s=%.6f" % (k, v) for k, v in fitter.params_.items()))
print("lifetimes fit LL: %.6f" % (-fitter._negative_log_likelihood_ * total))
print("lifetimes standard errors: %s" % ", ".join(
    "%s=%.6f" % (k, v) for k, v in fitter.standard_errors_.items()))
