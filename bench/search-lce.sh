#!/usr/bin/env bash
# Reproduces NAS-Bench-x11's learning-curve-extrapolation finding on CurveBench surrogates of SIMULATED data
# (README, "NAS search"): plain RE, LS and BANANAS against their +wpm and +svr variants at NAS-Bench-x11's budgets.
# Usage: bench/search-lce.sh [OUT_DIR] [TRIALS]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/curvebench-search}
trials=${2:-30}
mkdir -p "$out"
cb=./curvebench

if [ ! -f "$out/nb201.cbs" ]; then
  $cb simulate --archs 5000 --seeds 2 --epochs 200 --seed 1 --out "$out/nb201-sim.jsonl.gz"
  $cb fit --space nb201 --data "$out/nb201-sim.jsonl.gz" --out "$out/nb201.cbs"
fi
time $cb search --model "$out/nb201.cbs" --optimizer re+wpm --budget-seconds 400000 --trials 30 \
  --out "$out/nb201-re-wpm.jsonl" --summary
$cb search --model "$out/nb201.cbs" --optimizer rs,re,re+wpm,re+svr,ls,ls+wpm,ls+svr,bananas,bananas+wpm,sh,hb,bohb \
  --budget-seconds 400000 --trials "$trials" --out "$out/nb201.jsonl" --summary | tee "$out/nb201-summary.txt"
$cb plot regret --runs "$out/nb201.jsonl" --out "$out/nb201-regret.png"

if [ ! -f "$out/nb101-demo/demo-nb101.cbs" ]; then
  $cb demo --space nb101 --archs 3000 --seeds 2 --epochs 108 --out-dir "$out/nb101-demo" > /dev/null
fi
$cb search --model "$out/nb101-demo/demo-nb101.cbs" --optimizer re,re+wpm,re+svr,ls,ls+wpm,ls+svr,bananas,bananas+wpm,hb \
  --budget-seconds 560000 --trials "$trials" --out "$out/nb101.jsonl" --summary | tee "$out/nb101-summary.txt"
$cb plot regret --runs "$out/nb101.jsonl" --out "$out/nb101-regret.png"
