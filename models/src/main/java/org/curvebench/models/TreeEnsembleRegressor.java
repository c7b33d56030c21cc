package org.curvebench.models;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-boosted regression trees, one additive ensemble per output, held in flat arrays so that a
 * prediction is a few hundred array walks in plain Java with no native runtime and no allocation. Trees are
 * trained elsewhere (LightGBM) and converted; decisions follow LightGBM's numerical splits: go left when
 * {@code x <= threshold}, with its missing-value rules for NaN and zero.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonTypeName(TreeEnsembleRegressor.TYPE)
public final class TreeEnsembleRegressor implements FeatureRegressor {

    /** The type name in surrogate files. */
    public static final String TYPE = "tree-ensemble";

    static final int DEFAULT_LEFT = 2;
    static final int MISSING_ZERO = 1 << 2;
    static final int MISSING_NAN = 2 << 2;
    private static final double ZERO_THRESHOLD = 1e-35;

    private final int inputDimension;
    /** outputTreeEnd[o] is one past the last tree of output o. */
    private final int[] outputTreeEnd;
    private final int[] treeNodeStart;
    private final int[] treeLeafStart;
    private final int[] splitFeature;
    private final double[] threshold;
    private final int[] decision;
    private final int[] left;
    private final int[] right;
    private final double[] leafValue;
    /** The fast layout for finite inputs; derived, so not serialised. */
    private final transient CompleteTrees complete;

    @JsonCreator
    TreeEnsembleRegressor(@JsonProperty("inputDimension") int inputDimension,
                          @JsonProperty("outputTreeEnd") int[] outputTreeEnd,
                          @JsonProperty("treeNodeStart") int[] treeNodeStart,
                          @JsonProperty("treeLeafStart") int[] treeLeafStart,
                          @JsonProperty("splitFeature") int[] splitFeature,
                          @JsonProperty("threshold") double[] threshold,
                          @JsonProperty("decision") int[] decision,
                          @JsonProperty("left") int[] left,
                          @JsonProperty("right") int[] right,
                          @JsonProperty("leafValue") double[] leafValue) {
        int trees = treeNodeStart.length;
        int nodes = splitFeature.length;
        if (treeLeafStart.length != trees || threshold.length != nodes || decision.length != nodes
                || left.length != nodes || right.length != nodes || outputTreeEnd.length == 0
                || outputTreeEnd[outputTreeEnd.length - 1] != trees) {
            throw new IllegalArgumentException("inconsistent tree ensemble arrays");
        }
        for (int i = 0; i < nodes; i++) {
            if (splitFeature[i] < 0 || splitFeature[i] >= inputDimension) {
                throw new IllegalArgumentException("tree node " + i + " splits on feature " + splitFeature[i]
                        + " but there are " + inputDimension + " features");
            }
        }
        for (int t = 0; t < trees; t++) {
            if (treeLeafStart[t] < 0 || treeLeafStart[t] >= leafValue.length || treeNodeStart[t] < 0
                    || treeNodeStart[t] > nodes) {
                throw new IllegalArgumentException("tree " + t + " points outside the node or leaf arrays");
            }
        }
        this.inputDimension = inputDimension;
        this.outputTreeEnd = outputTreeEnd.clone();
        this.treeNodeStart = treeNodeStart.clone();
        this.treeLeafStart = treeLeafStart.clone();
        this.splitFeature = splitFeature.clone();
        this.threshold = threshold.clone();
        this.decision = decision.clone();
        this.left = left.clone();
        this.right = right.clone();
        this.leafValue = leafValue.clone();
        boolean zero = false;
        for (int d : decision) {
            zero |= (d & (3 << 2)) == MISSING_ZERO;
        }
        this.complete = zero ? null : CompleteTrees.of(new Walker());
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public int outputDimension() {
        return outputTreeEnd.length;
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("trees", treeCount());
        return p;
    }

    /** Total number of trees over all outputs. */
    public int treeCount() {
        return treeNodeStart.length;
    }

    /**
     * Predicts many rows at once (row-major {@code features}, {@code rows} x inputDimension; {@code out} rows x
     * outputs). Rows of finite values walk complete-tree layouts a block at a time; others take the exact path.
     */
    @Override
    public void predictBatch(double[] features, int rows, double[] out) {
        if (complete != null && allFinite(features, rows * inputDimension)) {
            complete.predict(features, rows, out);
            return;
        }
        FeatureRegressor.super.predictBatch(features, rows, out);
    }

    private static boolean allFinite(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void predict(double[] features, double[] out) {
        int tree = 0;
        for (int o = 0; o < outputTreeEnd.length; o++) {
            double sum = 0;
            for (int end = outputTreeEnd[o]; tree < end; tree++) {
                sum += leafValue[treeLeafStart[tree] + leafOf(tree, features)];
            }
            out[o] = sum;
        }
    }

    /** Read access to the trees' structure, for re-laying them out. */
    final class Walker {
        int treeCount() {
            return treeNodeStart.length;
        }

        int inputDimension() {
            return inputDimension;
        }

        int[] outputTreeEnd() {
            return outputTreeEnd.clone();
        }

        /** Node references: internal nodes are &gt;= 0 (relative to the tree), leaves are ~leafIndex. */
        int root(int tree) {
            return nodeCount(tree) == 0 ? ~0 : 0;
        }

        boolean isLeaf(int node) {
            return node < 0;
        }

        int feature(int tree, int node) {
            return splitFeature[treeNodeStart[tree] + node];
        }

        double threshold(int tree, int node) {
            return TreeEnsembleRegressor.this.threshold[treeNodeStart[tree] + node];
        }

        int left(int tree, int node) {
            return TreeEnsembleRegressor.this.left[treeNodeStart[tree] + node];
        }

        int right(int tree, int node) {
            return TreeEnsembleRegressor.this.right[treeNodeStart[tree] + node];
        }

        double leafValue(int tree, int leaf) {
            return TreeEnsembleRegressor.this.leafValue[treeLeafStart[tree] + ~leaf];
        }

        int depth(int tree) {
            return depthOf(tree, root(tree));
        }

        private int depthOf(int tree, int node) {
            return isLeaf(node) ? 0 : 1 + Math.max(depthOf(tree, left(tree, node)), depthOf(tree, right(tree, node)));
        }

        private int nodeCount(int tree) {
            int next = tree + 1 < treeNodeStart.length ? treeNodeStart[tree + 1] : splitFeature.length;
            return next - treeNodeStart[tree];
        }
    }

    private int leafOf(int tree, double[] x) {
        int base = treeNodeStart[tree];
        int nextBase = tree + 1 < treeNodeStart.length ? treeNodeStart[tree + 1] : splitFeature.length;
        if (base == nextBase) {
            return 0;
        }
        int node = 0;
        while (true) {
            int i = base + node;
            double v = x[splitFeature[i]];
            int child = goesLeft(i, v) ? left[i] : right[i];
            if (child < 0) {
                return ~child;
            }
            node = child;
        }
    }

    private boolean goesLeft(int node, double v) {
        int d = decision[node];
        int missing = d & (3 << 2);
        if (Double.isNaN(v) && missing != MISSING_NAN) {
            v = 0.0;
        }
        if ((missing == MISSING_ZERO && Math.abs(v) <= ZERO_THRESHOLD) || (missing == MISSING_NAN && Double.isNaN(v))) {
            return (d & DEFAULT_LEFT) != 0;
        }
        return v <= threshold[node];
    }
}
