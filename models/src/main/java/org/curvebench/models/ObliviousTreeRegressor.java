package org.curvebench.models;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-boosted oblivious (symmetric) trees with vector leaves: every node of one level of a tree tests the
 * same {@code (feature, threshold)}, so a tree of depth D is D independent comparisons forming a D-bit leaf
 * index (bit l set when level l goes right), and each leaf holds all k outputs. A prediction is
 * {@code bias + sum over trees of leafValues[tree][index]}.
 *
 * <p>Decisions go left when {@code x <= threshold}. NaN inputs are treated as +infinity: they go right at every
 * finite threshold (and left at the +infinity thresholds of padding levels, like +infinity itself).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonTypeName(ObliviousTreeRegressor.TYPE)
public final class ObliviousTreeRegressor implements FeatureRegressor {

    /** The type name in surrogate files. */
    public static final String TYPE = "oblivious-trees";

    /** Rows evaluated together by {@link #predictBatch}; their transposed features stay in the L1 cache. */
    private static final int BLOCK = 64;

    private final int inputDimension;
    private final int depth;
    /** feature[tree * depth + level]. */
    private final int[] feature;
    /** threshold[tree * depth + level]; never -0.0 and never NaN. */
    private final double[] threshold;
    /** leafValues[(tree * 2^depth + leaf) * k + output]. */
    private final double[] leafValues;
    private final double[] bias;
    /** The settings that fitted these trees (learning rate, chosen depth, ...), for the manifest. */
    private final Map<String, Object> training;

    @JsonCreator
    ObliviousTreeRegressor(@JsonProperty("inputDimension") int inputDimension,
                           @JsonProperty("depth") int depth,
                           @JsonProperty("feature") int[] feature,
                           @JsonProperty("threshold") double[] threshold,
                           @JsonProperty("leafValues") double[] leafValues,
                           @JsonProperty("bias") double[] bias,
                           @JsonProperty("training") Map<String, Object> training) {
        if (depth < 1 || depth > 16) {
            throw new IllegalArgumentException("oblivious tree depth must be in [1, 16], got " + depth);
        }
        if (bias.length == 0 || feature.length != threshold.length || feature.length % depth != 0) {
            throw new IllegalArgumentException("inconsistent oblivious tree arrays");
        }
        int trees = feature.length / depth;
        if ((long) trees * (1L << depth) * bias.length != leafValues.length) {
            throw new IllegalArgumentException("oblivious trees: " + leafValues.length + " leaf values for " + trees
                    + " trees of depth " + depth + " and " + bias.length + " outputs");
        }
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] < 0 || feature[i] >= inputDimension) {
                throw new IllegalArgumentException("oblivious split " + i + " uses feature " + feature[i] + " but there are "
                        + inputDimension + " features");
            }
            if (Double.isNaN(threshold[i])) {
                throw new IllegalArgumentException("oblivious split " + i + " has a NaN threshold");
            }
        }
        this.inputDimension = inputDimension;
        this.depth = depth;
        this.feature = feature.clone();
        this.threshold = threshold.clone();
        for (int i = 0; i < this.threshold.length; i++) {
            this.threshold[i] += 0.0; // -0.0 becomes +0.0 for right()
        }
        this.leafValues = leafValues.clone();
        this.bias = bias.clone();
        this.training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
    }

    /** These trees, recording {@code settings} as what fitted them. */
    public ObliviousTreeRegressor withTraining(Map<String, Object> settings) {
        return new ObliviousTreeRegressor(inputDimension, depth, feature, threshold, leafValues, bias, settings);
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>(training);
        p.put("depth", depth);
        p.put("trees", treeCount());
        return p;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public int outputDimension() {
        return bias.length;
    }

    public int depth() {
        return depth;
    }

    public int treeCount() {
        return feature.length / depth;
    }

    @Override
    public void predict(double[] features, double[] out) {
        int k = bias.length;
        System.arraycopy(bias, 0, out, 0, k);
        int trees = feature.length / depth;
        for (int t = 0; t < trees; t++) {
            int split = t * depth;
            int leaf = 0;
            for (int level = 0; level < depth; level++) {
                double v = features[feature[split + level]];
                if (v != v) {
                    v = Double.POSITIVE_INFINITY;
                }
                if (v > threshold[split + level]) {
                    leaf |= 1 << level;
                }
            }
            int at = ((t << depth) + leaf) * k;
            for (int o = 0; o < k; o++) {
                out[o] += leafValues[at + o];
            }
        }
    }

    /**
     * 1 when {@code x > t}, else 0, without a branch: the sign bit of {@code t - x}. Exact for x finite or -infinity
     * and t finite or +infinity, with t never -0.0.
     */
    private static int right(double x, double t) {
        return (int) (Double.doubleToRawLongBits(t - x) >>> 63);
    }

    /**
     * Predicts a block of rows at a time: the block's features are transposed so that each level of a tree reads
     * consecutive values, every row's leaf index is built with branch-free comparisons, then the leaf vectors are
     * added. NaN and +infinity are replaced by the largest finite double, which decides every threshold alike.
     */
    @Override
    public void predictBatch(double[] features, int rows, double[] out) {
        int d = inputDimension;
        int k = bias.length;
        int trees = feature.length / depth;
        double[] xt = new double[d * BLOCK];
        int[] index = new int[BLOCK];
        double[] acc = new double[BLOCK * k];
        for (int from = 0; from < rows; from += BLOCK) {
            int n = Math.min(BLOCK, rows - from);
            for (int r = 0; r < n; r++) {
                int row = (from + r) * d;
                for (int f = 0; f < d; f++) {
                    double v = features[row + f];
                    xt[f * BLOCK + r] = v < Double.POSITIVE_INFINITY || v == Double.NEGATIVE_INFINITY ? v : Double.MAX_VALUE;
                }
            }
            for (int r = 0; r < n; r++) {
                System.arraycopy(bias, 0, acc, r * k, k);
            }
            for (int t = 0; t < trees; t++) {
                int split = t * depth;
                int base = feature[split] * BLOCK;
                double th = threshold[split];
                for (int r = 0; r < n; r++) {
                    index[r] = right(xt[base + r], th);
                }
                for (int level = 1; level < depth; level++) {
                    base = feature[split + level] * BLOCK;
                    th = threshold[split + level];
                    for (int r = 0; r < n; r++) {
                        index[r] |= right(xt[base + r], th) << level;
                    }
                }
                int leafBase = (t << depth) * k;
                if (k == 5) {
                    for (int r = 0; r < n; r++) {
                        int at = leafBase + index[r] * 5;
                        int a = r * 5;
                        acc[a] += leafValues[at];
                        acc[a + 1] += leafValues[at + 1];
                        acc[a + 2] += leafValues[at + 2];
                        acc[a + 3] += leafValues[at + 3];
                        acc[a + 4] += leafValues[at + 4];
                    }
                } else {
                    for (int r = 0; r < n; r++) {
                        int at = leafBase + index[r] * k;
                        int a = r * k;
                        for (int o = 0; o < k; o++) {
                            acc[a + o] += leafValues[at + o];
                        }
                    }
                }
            }
            System.arraycopy(acc, 0, out, from * k, n * k);
        }
    }
}
