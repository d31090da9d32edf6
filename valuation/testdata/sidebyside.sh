#!/usr/bin/env bash
# Side by side, in one run: the boundary method's schemes (Go,
# BenchmarkALOSideBySide) and QuantLib 1.29's QdFpAmericanEngine
# (quantlib_sidebyside.py) on the 1,700 options of the accuracy grid, in
# turn for ROUNDS rounds, so that both see the same machine. Each prints the
# CPU time per option, cold, and the largest and median relative error
# against alo_reference.csv in parts per billion.
#
# Usage: bash valuation/testdata/sidebyside.sh [ROUNDS] [QUANTLIB_SCHEMES]
# (QUANTLIB_SCHEMES: default fast,accurate; add highPrecision for its
# 56 ms an option). Needs Debian's quantlib-python (QuantLib 1.29, installed by
# `bash .ci/deps.sh bench`) for
# /usr/bin/python3; it is not part of the test suite.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=${1:-3}
schemes=${2:-fast,accurate}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
(cd "$here/.." && go test -c -o "$bin/valuation.test" .)
for ((i = 1; i <= rounds; i++)); do
	echo "# round $i"
	(cd "$here/.." && "$bin/valuation.test" -test.run '^$' -test.bench 'ALOSideBySide' -test.benchtime 3x) | grep '^Benchmark'
	/usr/bin/python3 "$here/quantlib_sidebyside.py" 1 "$schemes" | grep -v '^    worst'
done
