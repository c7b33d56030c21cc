package org.curvebench.models;

/**
 * A tree ensemble re-laid as complete binary trees of one depth in heap order, shallower leaves pushed down
 * through splits that always go left. Every walk then takes the same number of steps with no data-dependent
 * branch, and a block of rows can walk one tree together while it sits in the L1 cache: the fast path for
 * finite inputs. Derived from a {@link TreeEnsembleRegressor}, never stored.
 */
final class CompleteTrees {

    /** Deeper ensembles are not re-laid (2^depth leaves per tree would not pay). */
    static final int MAX_DEPTH = 10;
    private static final int BLOCK = 64;

    private final int depth;
    private final int internal;
    private final int leaves;
    private final int inputDimension;
    private final int[] outputTreeEnd;
    private final int[] feature;
    private final double[] threshold;
    private final double[] leafValue;

    private CompleteTrees(int depth, int trees, int inputDimension, int[] outputTreeEnd) {
        this.depth = depth;
        this.leaves = 1 << depth;
        this.internal = leaves - 1;
        this.inputDimension = inputDimension;
        this.outputTreeEnd = outputTreeEnd;
        this.feature = new int[trees * Math.max(1, internal)];
        this.threshold = new double[trees * Math.max(1, internal)];
        this.leafValue = new double[trees * leaves];
    }

    /** The complete layout of {@code trees}, or null when its deepest tree is deeper than {@link #MAX_DEPTH}. */
    static CompleteTrees of(TreeEnsembleRegressor.Walker trees) {
        int depth = 0;
        for (int t = 0; t < trees.treeCount(); t++) {
            depth = Math.max(depth, trees.depth(t));
        }
        if (depth > MAX_DEPTH) {
            return null;
        }
        CompleteTrees c = new CompleteTrees(depth, trees.treeCount(), trees.inputDimension(), trees.outputTreeEnd());
        for (int t = 0; t < trees.treeCount(); t++) {
            c.fill(trees, t, trees.root(t), 0, 0);
        }
        return c;
    }

    private void fill(TreeEnsembleRegressor.Walker trees, int tree, int node, int heap, int level) {
        if (level == depth) {
            leafValue[tree * leaves + heap - internal] = trees.leafValue(tree, node);
            return;
        }
        int at = tree * internal + heap;
        if (trees.isLeaf(node)) {
            feature[at] = 0;
            threshold[at] = Double.POSITIVE_INFINITY;
            fill(trees, tree, node, 2 * heap + 1, level + 1);
            fill(trees, tree, node, 2 * heap + 2, level + 1);
        } else {
            feature[at] = trees.feature(tree, node);
            threshold[at] = trees.threshold(tree, node) + 0.0; // -0.0 becomes +0.0 for right()
            fill(trees, tree, trees.left(tree, node), 2 * heap + 1, level + 1);
            fill(trees, tree, trees.right(tree, node), 2 * heap + 2, level + 1);
        }
    }

    /**
     * 1 when {@code x > t}, else 0, without a branch: the sign bit of {@code t - x} (exact for finite x, and for
     * t = +infinity; thresholds are never -0.0).
     */
    private static int right(double x, double t) {
        return (int) (Double.doubleToRawLongBits(t - x) >>> 63);
    }

    /**
     * Predicts {@code rows} finite rows of {@code x} (row-major, {@code inputDimension} wide) into {@code out}
     * (row-major, one value per output).
     */
    void predict(double[] x, int rows, double[] out) {
        int k = outputTreeEnd.length;
        int d = inputDimension;
        java.util.Arrays.fill(out, 0, rows * k, 0.0);
        for (int from = 0; from < rows; from += BLOCK) {
            int to = Math.min(rows, from + BLOCK);
            int tree = 0;
            for (int o = 0; o < k; o++) {
                for (int end = outputTreeEnd[o]; tree < end; tree++) {
                    int nodeBase = tree * internal;
                    int leafBase = tree * leaves - internal;
                    int r = from;
                    for (; r + 3 < to; r += 4) {
                        int row0 = r * d;
                        int row1 = row0 + d;
                        int row2 = row1 + d;
                        int row3 = row2 + d;
                        int i0 = 0;
                        int i1 = 0;
                        int i2 = 0;
                        int i3 = 0;
                        for (int level = 0; level < depth; level++) {
                            int a0 = nodeBase + i0;
                            int a1 = nodeBase + i1;
                            int a2 = nodeBase + i2;
                            int a3 = nodeBase + i3;
                            i0 = 2 * i0 + 1 + right(x[row0 + feature[a0]], threshold[a0]);
                            i1 = 2 * i1 + 1 + right(x[row1 + feature[a1]], threshold[a1]);
                            i2 = 2 * i2 + 1 + right(x[row2 + feature[a2]], threshold[a2]);
                            i3 = 2 * i3 + 1 + right(x[row3 + feature[a3]], threshold[a3]);
                        }
                        out[r * k + o] += leafValue[leafBase + i0];
                        out[(r + 1) * k + o] += leafValue[leafBase + i1];
                        out[(r + 2) * k + o] += leafValue[leafBase + i2];
                        out[(r + 3) * k + o] += leafValue[leafBase + i3];
                    }
                    for (; r < to; r++) {
                        int row = r * d;
                        int i = 0;
                        for (int level = 0; level < depth; level++) {
                            int at = nodeBase + i;
                            i = 2 * i + 1 + right(x[row + feature[at]], threshold[at]);
                        }
                        out[r * k + o] += leafValue[leafBase + i];
                    }
                }
            }
        }
    }
}
