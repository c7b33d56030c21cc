package org.curvebench.encoding.nb101;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Walks the whole NAS-Bench-101 space in a seeded random order, one cell per module hash. Every strictly
 * upper-triangular 7-vertex matrix is pruned as the API prunes it, pruned graphs with more than 9 edges are dropped,
 * and each distinct pruned graph is paired with every assignment of the three operations to its interior vertices;
 * those pairs are visited in a shuffled order and isomorphic repeats skipped. Walked to the end it yields each of the
 * space's 423,624 cells exactly once, so any prefix is a random sample of distinct cells (for synthetic files).
 */
public final class Nb101Enumeration {

    private static final int N = Nb101Cell.MAX_VERTICES;

    private final List<int[][]> graphs;
    private final long[] firstPair;
    private final int[] order;
    private final Set<String> seen = new HashSet<>();
    private int position;

    /** A walk in the order fixed by {@code seed}. */
    public Nb101Enumeration(long seed) {
        this.graphs = prunedGraphs();
        this.firstPair = new long[graphs.size() + 1];
        for (int g = 0; g < graphs.size(); g++) {
            firstPair[g + 1] = firstPair[g] + pow3(graphs.get(g).length - 2);
        }
        this.order = shuffled((int) firstPair[graphs.size()], new SplittableRandom(seed));
    }

    /** Number of (graph, operations) pairs the walk visits; more than the distinct cells, as isomorphs repeat. */
    public int pairs() {
        return order.length;
    }

    /** The next cell not yet returned, or empty when the space is exhausted. */
    public Optional<Nb101Cell> next() {
        while (position < order.length) {
            Nb101Cell cell = cellOfPair(order[position++]);
            if (seen.add(cell.canonicalKey())) {
                return Optional.of(cell);
            }
        }
        return Optional.empty();
    }

    private Nb101Cell cellOfPair(int pair) {
        int lo = 0;
        int hi = graphs.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstPair[mid] <= pair) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int[][] adjacency = graphs.get(lo);
        int labelling = (int) (pair - firstPair[lo]);
        List<String> ops = new ArrayList<>(adjacency.length);
        ops.add(Nb101Cell.INPUT);
        for (int v = 1; v < adjacency.length - 1; v++) {
            ops.add(Nb101Cell.OPS.get(labelling % 3));
            labelling /= 3;
        }
        ops.add(Nb101Cell.OUTPUT);
        return Nb101Cell.of(adjacency, ops);
    }

    /** Every distinct pruned graph of at most 7 vertices and 9 edges, in a fixed order. */
    private static List<int[][]> prunedGraphs() {
        int[][] slot = new int[N][N];
        int bits = 0;
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                slot[i][j] = bits++;
            }
        }
        Set<Long> keys = new HashSet<>();
        List<int[][]> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << bits; mask++) {
            int[] rows = new int[N];
            for (int i = 0; i < N; i++) {
                for (int j = i + 1; j < N; j++) {
                    if ((mask >>> slot[i][j] & 1) != 0) {
                        rows[i] |= 1 << j;
                    }
                }
            }
            int keep = onPaths(rows);
            if ((keep & 1) == 0) {
                continue;
            }
            int[] kept = new int[Integer.bitCount(keep)];
            for (int v = 0, k = 0; v < N; v++) {
                if ((keep >>> v & 1) != 0) {
                    kept[k++] = v;
                }
            }
            int[][] pruned = new int[kept.length][kept.length];
            long key = kept.length;
            int edges = 0;
            for (int a = 0; a < kept.length; a++) {
                for (int b = a + 1; b < kept.length; b++) {
                    if ((rows[kept[a]] >>> kept[b] & 1) != 0) {
                        pruned[a][b] = 1;
                        edges++;
                        key |= 1L << (8 + a * N + b);
                    }
                }
            }
            if (edges <= Nb101Cell.MAX_EDGES && keys.add(key)) {
                out.add(pruned);
            }
        }
        return out;
    }

    /** Bit set of the vertices on some path from vertex 0 to vertex N-1 (empty when there is none). */
    private static int onPaths(int[] rows) {
        int from = 1;
        for (int i = 0; i < N; i++) {
            if ((from >>> i & 1) != 0) {
                from |= rows[i];
            }
        }
        int to = 1 << (N - 1);
        for (int i = N - 2; i >= 0; i--) {
            if ((rows[i] & to) != 0) {
                to |= 1 << i;
            }
        }
        int both = from & to;
        return (both >>> (N - 1) & 1) != 0 ? both : 0;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static int pow3(int e) {
        int p = 1;
        for (int i = 0; i < e; i++) {
            p *= 3;
        }
        return p;
    }
}
