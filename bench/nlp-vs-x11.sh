#!/usr/bin/env bash
# Fits CurveBench and the NAS-Bench-x11 reference recipe on the same 80/20 splits (by architecture) of the
# NAS-Bench-NLP logs, for several split seeds, and prints one line per (seed, model, observed epochs).
# usage: bench/nlp-vs-x11.sh [LOGS.zip] [SEEDS...]   (needs: apt-get install python3-sklearn python3-xgboost)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
logs="${1:-$here/../shared/data/nasbench-nlp-wikitext2/logs.zip}"
shift || true
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(0 1 2 3 4)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cb="$here/curvebench"
for seed in "${seeds[@]}"; do
  "$cb" split --space nlp --format nasbench-nlp --data "$logs" --test-fraction 0.2 --seed "$seed" --out-dir "$work/$seed" 2>/dev/null
  /usr/bin/python3 "$here/../shared/anchors/x11_nlp_reference.py" "$work/$seed/train" "$work/$seed/test" \
    | grep '^accs=' | sed "s/^/seed=$seed model=x11 /"
  for n in 0 3; do
    "$cb" fit --space nlp --format nasbench-nlp --data "$work/$seed/train" --observed-epochs "$n" --out "$work/$seed/m$n.cbs" 2>/dev/null
    "$cb" evaluate --model "$work/$seed/m$n.cbs" --format nasbench-nlp --data "$work/$seed/test" --json \
      | /usr/bin/python3 -c "import json,sys; r=json.load(sys.stdin); print('seed=$seed model=curvebench accs=$n avg_r2=%.3f final_r2=%.3f avg_kt=%.3f final_kt=%.3f' % (r['avg_r2'], r['final_r2'], r['avg_kt'], r['final_kt']))"
  done
done
