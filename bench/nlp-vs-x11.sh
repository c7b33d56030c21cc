#!/usr/bin/env bash
# Fits CurveBench and the NAS-Bench-x11 reference recipe on the same splits (by architecture) of the
# NAS-Bench-NLP logs and prints one line per (seed, model, observed epochs).
# usage: bench/nlp-vs-x11.sh [LOGS.zip] [SEEDS...]   (needs: apt-get install python3-sklearn python3-xgboost)
#   BY=random (default): 80/20 splits, one per seed; CurveBench fitted with seed 0.
#   BY=first-epoch: one shift split (the 10% of cells with the highest first-epoch val_loss to test); the seeds
#   are CurveBench's fit seeds (the recipe is deterministic and runs once).
#   FIT_ARGS: more options for 'curvebench fit' (e.g. "--encoder onehot --depth 3").
#   OBS: observed epochs to fit CurveBench with (default "0 3"); NO_RECIPE=1 skips the recipe.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
logs="${1:-$here/../shared/data/nasbench-nlp-wikitext2/logs.zip}"
shift || true
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(0 1 2 3 4)
by="${BY:-random}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cb="$here/curvebench"
recipe() {
  [ -z "${NO_RECIPE:-}" ] || return 0
  /usr/bin/python3 "$here/../shared/anchors/x11_nlp_reference.py" "$1/train" "$1/test" \
    | grep '^accs=' | sed "s/^/seed=$2 split=$by model=x11 /"
}
for seed in "${seeds[@]}"; do
  if [ "$by" = random ]; then
    split="$work/$seed"; fitseed=0
    "$cb" split --space nlp --format nasbench-nlp --data "$logs" --test-fraction 0.2 --seed "$seed" --out-dir "$split" 2>/dev/null
    recipe "$split" "$seed"
  else
    split="$work/shift"; fitseed="$seed"
    if [ ! -d "$split" ]; then
      "$cb" split --space nlp --format nasbench-nlp --data "$logs" --by "$by" --out-dir "$split" 2>/dev/null
      recipe "$split" -
    fi
  fi
  for n in ${OBS:-0 3}; do
    # shellcheck disable=SC2086
    "$cb" fit --space nlp --format nasbench-nlp --data "$split/train" --observed-epochs "$n" --seed "$fitseed" \
      ${FIT_ARGS:-} --out "$work/m$seed-$n.cbs" 2>/dev/null
    "$cb" evaluate --model "$work/m$seed-$n.cbs" --format nasbench-nlp --data "$split/test" --json \
      | /usr/bin/python3 -c "import json,sys; r=json.load(sys.stdin); print('seed=$seed split=$by model=curvebench accs=$n avg_r2=%.3f final_r2=%.3f avg_kt=%.3f final_kt=%.3f' % (r['avg_r2'], r['final_r2'], r['avg_kt'], r['final_kt']))"
  done
done
