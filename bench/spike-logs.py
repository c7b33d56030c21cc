#!/usr/bin/env python3
"""Copies a folder of NAS-Bench-NLP logs, adding a decaying start spike s * exp(-epoch / 1.5) to every loss curve
(s drawn from 12 to 18, seeded): a stress test of observed epochs far above every training start.
usage: bench/spike-logs.py SOURCE_FOLDER TARGET_FOLDER"""
import glob, json, math, os, random, sys

src, dst = sys.argv[1], sys.argv[2]
random.seed(0)
os.makedirs(dst, exist_ok=True)
for f in sorted(glob.glob(os.path.join(src, '*.json'))):
    log = json.load(open(f))
    s = 12 + 6 * random.random()
    for k in ('val_losses', 'train_losses', 'test_losses'):
        if log.get(k):
            log[k] = [v + s * math.exp(-e / 1.5) for e, v in enumerate(log[k])]
    with open(os.path.join(dst, os.path.basename(f)), 'w') as out:
        json.dump(log, out)
