#!/usr/bin/env bash
# Fits the default trees and the GIN regressor on the same 80/20 splits (by architecture) for several split
# seeds and prints one line per (data, seed, model, observed epochs) with avg/final R2 and Kendall tau on test.
# usage: bench/gin-vs-trees.sh [nlp|nb201|nb101-ecnas|nb101-sim|darts-sim ...]
# (nb101-sim, darts-sim: SIM_ARCHS simulated cells, default 2000, of SIM_EPOCHS epochs, default 100)
# environment: SEEDS="0 1 2", MODELS="oblivious gin" (a model is a regressor, or enc:ENCODER for the default trees
# on --encoder ENCODER, e.g. enc:gin+x11), OBSERVED="0 3" (NLP observed epochs), RECIPE=1 (0: skip the NAS-Bench-x11 recipe on NLP and NB101), GIN="--gin-epochs 100"
# (options of the GIN models), FIT="--ensemble 5" (options of every model's fit)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
data="$here/../shared/data"
seeds=(${SEEDS:-0 1 2})
gin=(${GIN:-})
fitargs=(${FIT:-})
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cb="$here/curvebench"
report() {
  /usr/bin/python3 -c "import json,sys; r=json.load(sys.stdin); print('$1 avg_r2=%.3f final_r2=%.3f avg_kt=%.3f final_kt=%.3f' % (r['avg_r2'], r['final_r2'], r['avg_kt'], r['final_kt']))"
}
# run NAME SPACE FORMAT DATA OBSERVED... (extra args after --)
run() {
  local name="$1" space="$2" format="$3" file="$4"; shift 4
  local extra=() observed=()
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then shift; extra=("$@"); break; fi
    observed+=("$1"); shift
  done
  for seed in "${seeds[@]}"; do
    local dir="$work/$name/$seed"
    "$cb" split --space "$space" --format "$format" --data "$file" ${extra[@]+"${extra[@]}"} --test-fraction 0.2 --seed "$seed" \
      --out-dir "$dir" 2>/dev/null
    if [ "$name" = nlp ] && [ "${RECIPE:-1}" = 1 ]; then
      /usr/bin/python3 "$here/../shared/anchors/x11_nlp_reference.py" "$dir/train" "$dir/test" \
        | grep '^accs=' | sed "s/^/data=$name seed=$seed model=x11 /"
    fi
    if [ "$space" = nb101 ] && [ "${RECIPE:-1}" = 1 ]; then
      # the recipe on the cells as NAS-Bench-x11's NB111 code encodes them (bench/x11-nb101-table.py)
      "$here/bench/x11-nb101-table.py" "$dir/train.jsonl.gz" "$dir/x11-train.jsonl"
      "$here/bench/x11-nb101-table.py" "$dir/test.jsonl.gz" "$dir/x11-test.jsonl"
      /usr/bin/python3 "$here/../shared/anchors/x11_curves_reference.py" "$dir/x11-train.jsonl" "$dir/x11-test.jsonl" \
        | report "data=$name seed=$seed model=x11 observed=0"
    fi
    # split writes curve tables for every format but nasbench-nlp's folders of logs
    local fmt="$format" train="$dir/train" test="$dir/test" more=("${extra[@]}")
    if [ -f "$dir/train.jsonl.gz" ]; then
      fmt=table train="$dir/train.jsonl.gz" test="$dir/test.jsonl.gz" more=()
    fi
    for n in "${observed[@]}"; do
      for reg in ${MODELS:-oblivious gin}; do
        local opts=(--regressor "$reg") mfile="$reg"
        [ "$reg" = gin ] && opts+=("${gin[@]}")
        if [ "${reg#enc:}" != "$reg" ]; then
          opts=(--encoder "${reg#enc:}" "${gin[@]}"); mfile="${reg//[:+]/_}"
        fi
        local t0; t0=$(date +%s.%N)
        "$cb" fit --space "$space" --format "$fmt" --data "$train" ${more[@]+"${more[@]}"} --observed-epochs "$n" \
          ${opts[@]+"${opts[@]}"} ${fitargs[@]+"${fitargs[@]}"} --out "$dir/$mfile$n.cbs" 2>/dev/null
        local secs; secs=$(echo "$(date +%s.%N) - $t0" | bc)
        "$cb" evaluate --model "$dir/$mfile$n.cbs" --format "$fmt" --data "$test" ${more[@]+"${more[@]}"} --json 2>/dev/null \
          | report "data=$name seed=$seed model=$reg observed=$n fit_s=$(printf %.1f "$secs")"
      done
    done
  done
}
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(nlp nb201 nb101-ecnas)
for what in "${targets[@]}"; do
  case "$what" in
    nlp) run nlp nlp nasbench-nlp "$data/nasbench-nlp-wikitext2/logs.zip" ${OBSERVED:-0 3} ;;
    nb201)
      "$cb" simulate --archs 2000 --seeds 1 --epochs 100 --out "$work/nb201.jsonl.gz" 2>/dev/null
      run nb201 nb201 table "$work/nb201.jsonl.gz" 0 ;;
    nb101-sim|darts-sim)
      sp="${what%-sim}"
      "$cb" simulate --space "$sp" --archs "${SIM_ARCHS:-2000}" --seeds 1 --epochs "${SIM_EPOCHS:-100}" \
        --out "$work/$sp.jsonl.gz" 2>/dev/null
      run "$what" "$sp" table "$work/$sp.jsonl.gz" 0 ;;
    nb101-ecnas)
      run nb101-ecnas nb101 nb101-results "$data/nasbench101-ecnas-4v/runs.zip" 0 -- --graphs "$data/nasbench101-ecnas-4v/graphs.json" ;;
  esac
done
