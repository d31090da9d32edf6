#!/usr/bin/python3
"""Generates quantlib_theta.csv: theta of American calls and puts from
QuantLib 1.29 (Debian package quantlib-python), QdFpAmericanEngine's
high-precision scheme (Andersen-Lake-Offengelt fixed point, tanh-sinh
quadrature), as theta = -dV/dt by central differences in t with bumps
h = t/500 and h/1000, Richardson-extrapolated (4 D(h/2) - D(h))/3.

Run: /usr/bin/python3 valuation/testdata/quantlib_theta.py > valuation/testdata/quantlib_theta.csv

QuantLib's maturities are dates, so to take t anywhere (and bump it by
less than a day) every option is priced at maturity one year (365 days,
Actual/365 Fixed: exactly 1.0) with the inputs scaled to it: the value
depends on t only through sigma sqrt(t), r t and q t, so
V(S, X, t, sigma, r, q) = V(S, X, 1, sigma sqrt(t), r t, q t).

The cases: the acceptance tester's call (S 186.14, X 100, t 0.3102,
sigma 0.7198, r 0.0046, q 0.1009, just off its exercise boundary), then
400 random ones (seed 20261203): puts with r > 0 and calls with q > 0 (those
exercised early), S/X log-uniform in [0.5, 2.5], t log-uniform in
[0.02, 5], sigma uniform in [0.05, 1], r and q uniform in [0, 0.12]
(r in [0.001, 0.12] for puts, q in [0.001, 0.12] for calls).
"""
import math
import random
import QuantLib as ql

today = ql.Date(1, 1, 2024)
ql.Settings.instance().evaluationDate = today
dc = ql.Actual365Fixed()
mat = today + 365
assert dc.yearFraction(today, mat) == 1.0
scheme = ql.QdFpAmericanEngine.highPrecisionScheme()


def price(typ, S, X, t, sigma, r, q):
    spot = ql.QuoteHandle(ql.SimpleQuote(S))
    rts = ql.YieldTermStructureHandle(ql.FlatForward(today, r * t, dc, ql.Continuous))
    qts = ql.YieldTermStructureHandle(ql.FlatForward(today, q * t, dc, ql.Continuous))
    vts = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), sigma * math.sqrt(t), dc))
    proc = ql.BlackScholesMertonProcess(spot, qts, rts, vts)
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(typ, X), ql.AmericanExercise(today, mat))
    opt.setPricingEngine(ql.QdFpAmericanEngine(proc, scheme))
    return opt.NPV()


def theta(typ, S, X, t, sigma, r, q):
    def d(h):
        return -(price(typ, S, X, t + h, sigma, r, q) - price(typ, S, X, t - h, sigma, r, q)) / (2 * h)
    h = t / 500
    return (4 * d(h / 2) - d(h)) / 3


cases = [("call", 186.14, 100.0, 0.3102, 0.7198, 0.0046, 0.1009)]
rng = random.Random(20261203)
for i in range(400):
    name = "call" if i % 2 == 0 else "put"
    X = 100.0
    S = round(X * math.exp(rng.uniform(math.log(0.5), math.log(2.5))), 4)
    t = round(math.exp(rng.uniform(math.log(0.02), math.log(5))), 6)
    sigma = round(rng.uniform(0.05, 1), 4)
    r = round(rng.uniform(0.001 if name == "put" else 0, 0.12), 4)
    q = round(rng.uniform(0.001 if name == "call" else 0, 0.12), 4)
    cases.append((name, S, X, t, sigma, r, q))

print("type,S,X,t,sigma,r,q,value,theta")
for name, S, X, t, sigma, r, q in cases:
    typ = ql.Option.Call if name == "call" else ql.Option.Put
    v = price(typ, S, X, t, sigma, r, q)
    th = theta(typ, S, X, t, sigma, r, q)
    print("%s,%r,%r,%r,%r,%r,%r,%.17g,%.17g" % (name, S, X, t, sigma, r, q, v, th))
