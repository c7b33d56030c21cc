#!/usr/bin/env bash
# Fits CurveBench (each DARTS encoder) and the NAS-Bench-x11 NB311 reference (NAS-Bench-301's ConfigSpace array with
# XGBoost) on the same 80/20 splits, by architecture, of the shared NAS-Bench-301 cells, for several split seeds, and
# prints one line per (seed, model) with final R2 and Kendall tau.
# usage: bench/darts-vs-x11.sh [CELLS.jsonl] [SEEDS...]   (needs: apt-get install python3-sklearn python3-xgboost)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cells="${1:-$here/../shared/data/nasbench301-naslib/cells.jsonl}"
shift || true
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(0 1 2 3 4)
encoders=(${DARTS_ENCODERS:-onehot-stats onehot x11})
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cb="$here/curvebench"
for seed in "${seeds[@]}"; do
  d="$work/$seed"
  "$cb" split --space darts --data "$cells" --test-fraction 0.2 --seed "$seed" --out-dir "$d" 2>/dev/null
  gunzip -c "$d/train.jsonl.gz" > "$d/train.jsonl"
  gunzip -c "$d/test.jsonl.gz" > "$d/test.jsonl"
  /usr/bin/python3 "$here/../shared/anchors/x11_darts_reference.py" "$d/train.jsonl" "$d/test.jsonl" \
    | /usr/bin/python3 -c "import json,sys; r=json.load(sys.stdin); print('seed=$seed model=x11-xgboost final_r2=%.3f final_kt=%.3f' % (r['final_r2'], r['final_kt']))"
  for enc in "${encoders[@]}"; do
    "$cb" fit --space darts --data "$d/train.jsonl.gz" --encoder "$enc" ${DARTS_FIT_OPTIONS:-} --out "$d/$enc.cbs" 2>/dev/null
    "$cb" evaluate --model "$d/$enc.cbs" --data "$d/test.jsonl.gz" --json \
      | /usr/bin/python3 -c "import json,sys; r=json.load(sys.stdin); print('seed=$seed model=curvebench-$enc final_r2=%.3f final_kt=%.3f' % (r['final_r2'], r['final_kt']))"
  done
done
