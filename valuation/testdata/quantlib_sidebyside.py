#!/usr/bin/python3
"""Times QuantLib 1.29's QdFpAmericanEngine (Andersen-Lake-Offengelt fixed
point) on the 1,700 American options of the accuracy grid, each scheme in
turn, and prints for each the CPU time per option and the largest and median
relative error against alo_reference.csv, in the units of the Go benchmark
BenchmarkALOSideBySide (|v - ref| / max(ref, 1e-6 X)).

Each option gets its own instrument and engine, built before the clock
starts; the clock (thread CPU time) runs over opt.NPV() alone, which solves
the option's exercise boundary and integrates its price (QuantLib keeps no
boundary between options, so every NPV is cold). The time of a call into
the SWIG wrapper that returns at once (NPV of an option already priced) is
measured too and printed as "call", so that it can be taken off.

Run: /usr/bin/python3 valuation/testdata/quantlib_sidebyside.py [rounds [schemes]]
(schemes: a comma-separated subset of fast,accurate,highPrecision; the
high-precision one takes about 56 ms an option, 95 s for the grid)
(Debian package quantlib-python); testdata/sidebyside.sh runs it in turn
with the Go benchmark.
"""
import csv
import os
import statistics
import sys
import time

import QuantLib as ql

here = os.path.dirname(os.path.abspath(__file__))
today = ql.Date(1, 1, 2024)
ql.Settings.instance().evaluationDate = today
dc = ql.Actual365Fixed()


def cases():
    with open(os.path.join(here, "alo_reference.csv")) as f:
        for row in csv.DictReader(f):
            yield (row["type"], float(row["S"]), float(row["X"]), float(row["t"]),
                   float(row["sigma"]), float(row["r"]), float(row["q"]), float(row["value"]))


def option(typ, S, X, t, sigma, r, q, scheme):
    days = round(t * 365)  # the grid's t is days/365 (quantlib_american.py)
    spot = ql.QuoteHandle(ql.SimpleQuote(S))
    rts = ql.YieldTermStructureHandle(ql.FlatForward(today, r, dc, ql.Continuous))
    qts = ql.YieldTermStructureHandle(ql.FlatForward(today, q, dc, ql.Continuous))
    vts = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), sigma, dc))
    proc = ql.BlackScholesMertonProcess(spot, qts, rts, vts)
    kind = ql.Option.Call if typ == "call" else ql.Option.Put
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(kind, X), ql.AmericanExercise(today, today + days))
    opt.setPricingEngine(ql.QdFpAmericanEngine(proc, scheme))
    return opt


def run(name, scheme, grid):
    opts = [option(*c[:7], scheme) for c in grid]
    clock = time.thread_time_ns
    total = 0
    errs = []
    for o, c in zip(opts, grid):
        t0 = clock()
        v = o.NPV()
        total += clock() - t0
        ref, X = c[7], c[2]
        errs.append((abs(v - ref) / max(abs(ref), 1e-6 * X), c))
    # The wrapper's own cost: NPV of options already priced returns the
    # stored result.
    t0 = clock()
    for o in opts:
        o.NPV()
    call = (clock() - t0) / len(opts)
    errs.sort()
    per = total / len(opts)
    print("quantlib %-14s %9.0f cpu-ns/option %7.0f call-ns %9.0f less-call %12.4g max-err-ppb %10.4g median-err-ppb"
          % (name, per, call, per - call, errs[-1][0] * 1e9, errs[len(errs) // 2][0] * 1e9), flush=True)
    for e, c in errs[-3:]:
        print("    worst: %.3g at %s S=%g X=%g t=%.4g sigma=%g r=%g q=%g: ref %.10g" % ((e,) + c[:8]))


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    which = sys.argv[2].split(",") if len(sys.argv) > 2 else ["fast", "accurate", "highPrecision"]
    grid = list(cases())
    schemes = [("fast", ql.QdFpAmericanEngine.fastScheme()),
               ("accurate", ql.QdFpAmericanEngine.accurateScheme()),
               ("highPrecision", ql.QdFpAmericanEngine.highPrecisionScheme())]
    for _ in range(rounds):
        for name, scheme in schemes:
            if name in which:
                run(name, scheme, grid)


if __name__ == "__main__":
    main()
