#!/usr/bin/python3
"""Generates quantlib_american.csv: American call and put values from
QuantLib 1.29 (Debian package quantlib-python) with QdFpAmericanEngine's
high-precision scheme (Andersen-Lake-Offengelt fixed point, tanh-sinh
quadrature) and, for a second opinion, its accurate scheme.

Run: /usr/bin/python3 valuation/testdata/quantlib_american.py > valuation/testdata/quantlib_american.csv

t is days/365 with the Actual/365 (Fixed) day counter, so the t written is
exactly the year fraction QuantLib used; r and q are continuously
compounded flat rates.
"""
import itertools
import QuantLib as ql

today = ql.Date(1, 1, 2024)
ql.Settings.instance().evaluationDate = today
dc = ql.Actual365Fixed()
X = 100.0

def price(typ, S, days, sigma, r, q, scheme):
    mat = today + days
    spot = ql.QuoteHandle(ql.SimpleQuote(S))
    rts = ql.YieldTermStructureHandle(ql.FlatForward(today, r, dc, ql.Continuous))
    qts = ql.YieldTermStructureHandle(ql.FlatForward(today, q, dc, ql.Continuous))
    vts = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), sigma, dc))
    proc = ql.BlackScholesMertonProcess(spot, qts, rts, vts)
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(typ, X), ql.AmericanExercise(today, mat))
    opt.setPricingEngine(ql.QdFpAmericanEngine(proc, scheme))
    return opt.NPV()

print("type,S,X,t,sigma,r,q,value,value_accurate")
for typ, sx, days, sigma, r, q in itertools.product(
        [ql.Option.Call, ql.Option.Put],
        [0.5, 0.8, 1.0, 1.25, 2.0],
        [37, 183, 365, 1095, 3650],
        [0.05, 0.2, 0.5, 1.0],
        [-0.02, 0.02, 0.05, 0.1],
        [0.0, 0.04, 0.15]):
    name = "call" if typ == ql.Option.Call else "put"
    # Keep the cases with early exercise and a single boundary.
    if name == "put" and not r > 0:
        continue
    if name == "call" and not q > 0:
        continue
    S = sx * X
    t = days / 365.0
    hp = price(typ, S, days, sigma, r, q, ql.QdFpAmericanEngine.highPrecisionScheme())
    ac = price(typ, S, days, sigma, r, q, ql.QdFpAmericanEngine.accurateScheme())
    print("%s,%r,%r,%r,%r,%r,%r,%.17g,%.17g" % (name, S, X, t, sigma, r, q, hp, ac))
