#!/usr/bin/python3
"""Rewrites a curve table of NAS-Bench-101 cells (CurveBench's "arch": {"adjacency", "ops"}, as `curvebench split`
writes for the nb101 space) with each cell as the feature vector NAS-Bench-x11's NB111 code fits on: the cell
padded to 7 vertices as its convert_to_cell does (the first n-1 vertices stay, the output moves to vertex 6, the
vertices between are unconnected conv3x3), then the upper triangle of the adjacency matrix row by row and one code
per inner vertex (conv1x1 0, conv3x3 0.5, maxpool3x3 1): the 26 features of CurveBench's `x11` encoder.
The result is the generic table that ../shared/anchors/x11_curves_reference.py reads.
usage: bench/x11-nb101-table.py IN.jsonl[.gz] OUT.jsonl"""
import gzip
import json
import os
import sys

VERTICES = 7
OP_CODES = {'conv1x1-bn-relu': 0.0, 'conv3x3-bn-relu': 0.5, 'maxpool3x3': 1.0}


def x11_features(arch, where):
    adjacency, ops = arch['adjacency'], arch['ops']
    n = len(ops)
    if n < 2 or n > VERTICES or len(adjacency) != n:
        sys.exit(f'{where}: a NAS-Bench-101 cell has 2 to {VERTICES} vertices, one adjacency row each')
    matrix = [[0] * VERTICES for _ in range(VERTICES)]
    for i in range(n):
        for j in range(n):
            matrix[i][VERTICES - 1 if j == n - 1 else j] = adjacency[i][j]
    padded_ops = [ops[v] if v < n - 1 else 'conv3x3-bn-relu' for v in range(VERTICES - 1)]
    features = [matrix[i][j] for i in range(VERTICES - 1) for j in range(i + 1, VERTICES)]
    for op in padded_ops[1:]:
        if op not in OP_CODES:
            sys.exit(f'{where}: unknown NAS-Bench-101 op {op!r}')
        features.append(OP_CODES[op])
    return features


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.rsplit('usage: ', 1)[1])
    source, target = sys.argv[1], sys.argv[2]
    opener = gzip.open if source.endswith('.gz') else open
    rows = []
    with opener(source, 'rt') as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            row['arch'] = x11_features(row['arch'], f'{source}:{number}')
            rows.append(json.dumps(row) + '\n')
    # written whole or not at all
    partial = target + '.partial'
    with open(partial, 'w') as out:
        out.writelines(rows)
    os.replace(partial, target)


if __name__ == '__main__':
    main()
