#!/usr/bin/env bash
# Whole-process batch queries and cold single queries beside the NAS-Bench-x11 recipe's in-process batch rate
# (docs/PERFORMANCE.md, "Queries from outside the JVM"). Needs Debian's python3 with python3-sklearn and
# python3-xgboost for the recipe, and hyperfine for the cold query. Work files go to ${WORK:-/tmp/curvebench-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WORK:-/tmp/curvebench-bench}"
lines="${LINES_TOTAL:-200000}"
mkdir -p "$work"
./curvebench --version >/dev/null
[ -f "$work/sim.jsonl.gz" ] || ./curvebench simulate --archs 15625 --seeds 1 --epochs 100 --seed 0 --out "$work/sim.jsonl.gz"
[ -f "$work/nb201.cbs" ] || ./curvebench fit --space nb201 --data "$work/sim.jsonl.gz" --out "$work/nb201.cbs"
/usr/bin/python3 - "$work/sim.jsonl.gz" "$work/batch.jsonl" "$lines" <<'PY'
import gzip, json, sys
archs = [json.loads(l)["arch"] for l in gzip.open(sys.argv[1], "rt")]
n = int(sys.argv[3])
with open(sys.argv[2], "w") as f:
    for i in range(n):
        f.write(json.dumps({"arch": archs[i % len(archs)]}) + "\n")
PY
echo "recipe (in-process, same machine):"
/usr/bin/python3 ../shared/anchors/x11_curves_reference.py "$work/sim.jsonl.gz"
run() {
  local label="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@"
  t1=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$label: {s:.2f} s, {int(sys.argv[3])/s:,.0f} curves/s')" "$t0" "$t1" "$lines"
}
for i in 1 2 3; do
  run "jsonl to file" ./curvebench query --model "$work/nb201.cbs" --batch "$work/batch.jsonl" --out "$work/out.jsonl"
  run "jsonl --precision 2 to file" ./curvebench query --model "$work/nb201.cbs" --batch "$work/batch.jsonl" --precision 2 --out "$work/out2.jsonl"
  run "npy to file" ./curvebench query --model "$work/nb201.cbs" --batch "$work/batch.jsonl" --output-format npy --out "$work/out.npy"
done
ls -l "$work"/out.jsonl "$work"/out2.jsonl "$work"/out.npy
arch=$(head -1 "$work/batch.jsonl" | python3 -c "import json,sys; print(json.load(sys.stdin)['arch'])")
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 20 "./curvebench query --model $work/nb201.cbs --arch $arch"
fi
