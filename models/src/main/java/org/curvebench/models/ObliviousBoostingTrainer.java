package org.curvebench.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;

/**
 * Pure-Java gradient boosting of oblivious (symmetric) trees with vector leaves, fitting all k outputs jointly
 * with squared error: each level of a tree picks the one {@code (feature, bin threshold)} that maximises the gain
 * summed over the level's nodes and all outputs, and each leaf holds {@code -G/(n + l2) * learningRate} per
 * output. Since the SVD basis is orthonormal, the joint loss is the squared error of the decoded curves. Features
 * are binned by quantiles once; histograms are built per level for the smaller child of each node only, the
 * larger one being its parent minus its sibling. Early stopping on the validation rows keeps the best round.
 * Deterministic, whatever the thread count: each feature's histogram and score are computed by one thread in a
 * fixed order, and ties go to the lowest feature and threshold.
 *
 * @param learningRate        shrinkage per tree
 * @param depth               levels per tree (2^depth leaves)
 * @param maxRounds           most trees
 * @param earlyStoppingRounds stop after this many rounds without a better validation loss
 * @param l2                  L2 regularisation of leaf values (added to each leaf's row count), &gt; 0
 * @param maxBins             most bins per feature, at most 255
 * @param threads             threads that build histograms
 */
public record ObliviousBoostingTrainer(double learningRate, int depth, int maxRounds, int earlyStoppingRounds,
                                       double l2, int maxBins, int threads) implements RegressorTrainer {

    public static final String NAME = "oblivious";

    public ObliviousBoostingTrainer {
        if (!(learningRate > 0) || depth < 1 || depth > 12 || maxRounds < 1 || earlyStoppingRounds < 1
                || !(l2 > 0) || maxBins < 2 || maxBins > 255 || threads < 1) {
            throw new IllegalArgumentException("oblivious boosting needs learningRate > 0, depth in [1, 12], maxRounds >= 1, "
                    + "earlyStoppingRounds >= 1, l2 > 0, maxBins in [2, 255] and threads >= 1");
        }
    }

    /**
     * The defaults, measured on the simulated NB201 benchmark with 12,500 training curves (docs/PERFORMANCE.md):
     * depth 4 at learning rate 0.3 for at most 150 rounds gave avg R2 0.962 and Kendall tau 0.833 at 1.8 million
     * batch curves per second; unbounded rounds (early stopping only) reached 0.963 with 1,645 trees, ten times
     * slower to query and to fit.
     */
    public static ObliviousBoostingTrainer defaults() {
        return new ObliviousBoostingTrainer(0.3, 4, 150, 50, 1.0, 64,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public ObliviousBoostingTrainer withLearningRate(double rate) {
        return new ObliviousBoostingTrainer(rate, depth, maxRounds, earlyStoppingRounds, l2, maxBins, threads);
    }

    public ObliviousBoostingTrainer withMaxRounds(int rounds) {
        return new ObliviousBoostingTrainer(learningRate, depth, rounds, earlyStoppingRounds, l2, maxBins, threads);
    }

    public ObliviousBoostingTrainer withDepth(int levels) {
        return new ObliviousBoostingTrainer(learningRate, levels, maxRounds, earlyStoppingRounds, l2, maxBins, threads);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("learning_rate", learningRate);
        h.put("depth", depth);
        h.put("max_rounds", maxRounds);
        h.put("early_stopping_rounds", earlyStoppingRounds);
        h.put("l2", l2);
        h.put("max_bins", maxBins);
        return h;
    }

    @Override
    public ObliviousTreeRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                                      Progress progress) {
        return fit(x.featureMatrix(), y, xValid.featureMatrix(), yValid, seed, progress);
    }

    /** As {@link #fit(ModelInputs, double[][], ModelInputs, double[][], long, Progress)} on feature rows. */
    public ObliviousTreeRegressor fit(double[][] x, double[][] y, double[][] xValid, double[][] yValid, long seed,
                                      Progress progress) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        if (y.length != x.length || xValid.length != yValid.length) {
            throw new IllegalArgumentException("features and labels have different row counts");
        }
        ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
        progress.start("fitting oblivious boosted trees", maxRounds);
        try {
            return new Fit(x, y, xValid, yValid, pool, progress).run();
        } finally {
            progress.done();
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    /** Quantile bin thresholds of one feature: a value is in bin b when it exceeds exactly b thresholds. */
    static double[] binThresholds(double[] column, int maxBins) {
        int n = column.length;
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = Double.isNaN(column[i]) ? Double.POSITIVE_INFINITY : column[i] + 0.0;
        }
        Arrays.sort(sorted);
        double[] distinct = new double[n];
        int[] count = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && sorted[i] == distinct[m - 1]) {
                count[m - 1]++;
            } else {
                distinct[m] = sorted[i];
                count[m++] = 1;
            }
        }
        double[] cuts = new double[Math.min(m, maxBins) - 1 + 1];
        int c = 0;
        long seen = 0;
        for (int j = 0; j + 1 < m && c < maxBins - 1; j++) {
            seen += count[j];
            if (m <= maxBins || seen * maxBins >= (long) (c + 1) * n) {
                cuts[c++] = between(distinct[j], distinct[j + 1]);
            }
        }
        return Arrays.copyOf(cuts, c);
    }

    /** A finite threshold t with {@code a <= t < b} for {@code a < b}, near their midpoint. */
    static double between(double a, double b) {
        double t = a / 2 + b / 2;
        if (!(t >= a && t < b)) {
            t = a;
        }
        if (t == Double.NEGATIVE_INFINITY) {
            t = -Double.MAX_VALUE;
        }
        return t + 0.0;
    }

    /** Bin of {@code v}: the number of thresholds below it (NaN counts as +infinity). */
    static int binOf(double[] thresholds, double v) {
        if (Double.isNaN(v)) {
            return thresholds.length;
        }
        int lo = 0;
        int hi = thresholds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v > thresholds[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One boosting run's state and buffers. */
    private final class Fit {
        private final int n;
        private final int d;
        private final int k;
        private final int stride;
        private final double[][] y;
        private final double[][] xValid;
        private final double[][] yValid;
        private final ForkJoinPool pool;
        private final Progress progress;
        private final double[][] cut;
        private final byte[][] bins;
        private final int[] offset;
        private final int totalBins;
        private final double[] prediction;
        private final double[] gradient;
        private final int[] node;
        private final int[] rows;
        private double[] parent;
        private double[] child;
        private final double[] score;

        Fit(double[][] x, double[][] y, double[][] xValid, double[][] yValid, ForkJoinPool pool, Progress progress) {
            this.n = x.length;
            this.d = x[0].length;
            this.k = y[0].length;
            this.stride = k + 1;
            this.y = y;
            this.xValid = xValid;
            this.yValid = yValid;
            this.pool = pool;
            this.progress = progress;
            for (int i = 0; i < n; i++) {
                if (x[i].length != d || y[i].length != k) {
                    throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features and " + y[i].length
                            + " labels, expected " + d + " and " + k);
                }
            }
            this.cut = new double[d][];
            this.bins = new byte[d][n];
            this.offset = new int[d + 1];
            double[] column = new double[n];
            for (int f = 0; f < d; f++) {
                for (int i = 0; i < n; i++) {
                    column[i] = x[i][f];
                }
                cut[f] = binThresholds(column, maxBins);
                for (int i = 0; i < n; i++) {
                    bins[f][i] = (byte) binOf(cut[f], column[i]);
                }
                offset[f + 1] = offset[f] + cut[f].length + 1;
            }
            this.totalBins = offset[d];
            this.prediction = new double[n * k];
            this.gradient = new double[n * k];
            this.node = new int[n];
            this.rows = new int[n];
            int nodes = 1 << (depth - 1);
            this.parent = new double[nodes * totalBins * stride];
            this.child = new double[nodes * totalBins * stride];
            this.score = new double[totalBins];
        }

        ObliviousTreeRegressor run() {
            double[] bias = new double[k];
            for (double[] row : y) {
                for (int o = 0; o < k; o++) {
                    bias[o] += row[o];
                }
            }
            for (int o = 0; o < k; o++) {
                bias[o] /= n;
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(bias, 0, prediction, i * k, k);
            }
            int leaves = 1 << depth;
            int nv = xValid.length;
            double[] validPrediction = new double[nv * k];
            for (int i = 0; i < nv; i++) {
                System.arraycopy(bias, 0, validPrediction, i * k, k);
            }
            int capacity = Math.min(maxRounds, 256);
            int[] feature = new int[capacity * depth];
            double[] threshold = new double[capacity * depth];
            double[] leafValues = new double[capacity * leaves * k];
            int[] splitBin = new int[depth];
            double[] leaf = new double[leaves * k];
            double best = Double.POSITIVE_INFINITY;
            int bestRounds = 0;
            int round = 0;
            while (round < maxRounds) {
                if (round == capacity) {
                    capacity = Math.min(maxRounds, capacity * 2);
                    feature = Arrays.copyOf(feature, capacity * depth);
                    threshold = Arrays.copyOf(threshold, capacity * depth);
                    leafValues = Arrays.copyOf(leafValues, capacity * leaves * k);
                }
                for (int i = 0; i < n; i++) {
                    double[] label = y[i];
                    for (int o = 0; o < k; o++) {
                        gradient[i * k + o] = prediction[i * k + o] - label[o];
                    }
                }
                growTree(feature, threshold, round * depth, splitBin, leaf);
                System.arraycopy(leaf, 0, leafValues, round * leaves * k, leaves * k);
                for (int i = 0; i < n; i++) {
                    int at = node[i] * k;
                    for (int o = 0; o < k; o++) {
                        prediction[i * k + o] += leaf[at + o];
                    }
                }
                round++;
                progress.advance(1);
                if (nv > 0) {
                    double loss = 0;
                    int s = (round - 1) * depth;
                    for (int i = 0; i < nv; i++) {
                        double[] row = xValid[i];
                        int index = 0;
                        for (int level = 0; level < depth; level++) {
                            double v = row[feature[s + level]];
                            if (v != v || v > threshold[s + level]) {
                                index |= 1 << level;
                            }
                        }
                        for (int o = 0; o < k; o++) {
                            double p = validPrediction[i * k + o] + leaf[index * k + o];
                            validPrediction[i * k + o] = p;
                            double e = p - yValid[i][o];
                            loss += e * e;
                        }
                    }
                    if (loss < best * (1 - 1e-12)) {
                        best = loss;
                        bestRounds = round;
                    } else if (round - bestRounds >= earlyStoppingRounds) {
                        break;
                    }
                }
            }
            int keep = nv > 0 ? Math.max(1, bestRounds) : round;
            return new ObliviousTreeRegressor(d, depth, Arrays.copyOf(feature, keep * depth),
                    Arrays.copyOf(threshold, keep * depth), Arrays.copyOf(leafValues, keep * leaves * k), bias, hyperparameters());
        }

        /** Grows one tree on the current gradients; leaves {@code node} holding every row's leaf. */
        private void growTree(int[] feature, double[] threshold, int at, int[] splitBin, double[] leaf) {
            Arrays.fill(node, 0);
            Arrays.fill(parent, 0, totalBins * stride, 0.0);
            forFeatures(f -> accumulate(f, parent, null, n));
            for (int level = 0; level < depth; level++) {
                int nodes = 1 << level;
                Arrays.fill(score, 0.0);
                forFeatures(f -> scoreFeature(f, nodes));
                double parentScore = 0;
                for (int j = 0; j < nodes; j++) {
                    parentScore += nodeScore(j);
                }
                int bestFeature = 0;
                int bestBin = offset[1] - 1; // the last bin of feature 0: everything goes left
                double bestScore = parentScore;
                for (int f = 0; f < d; f++) {
                    for (int b = offset[f]; b < offset[f + 1] - 1; b++) {
                        if (score[b] > bestScore) {
                            bestScore = score[b];
                            bestFeature = f;
                            bestBin = b;
                        }
                    }
                }
                int bin = bestBin - offset[bestFeature];
                feature[at + level] = bestFeature;
                threshold[at + level] = bin < cut[bestFeature].length ? cut[bestFeature][bin] : Double.POSITIVE_INFINITY;
                splitBin[level] = bin;
                byte[] column = bins[bestFeature];
                int bit = 1 << level;
                for (int i = 0; i < n; i++) {
                    if ((column[i] & 0xff) > bin) {
                        node[i] |= bit;
                    }
                }
                if (level == depth - 1) {
                    leafValues(bestFeature, bin, level, leaf);
                } else {
                    splitHistograms(bestFeature, bin, level);
                }
            }
        }

        private void forFeatures(IntConsumer body) {
            if (pool == null) {
                for (int f = 0; f < d; f++) {
                    body.accept(f);
                }
            } else {
                pool.submit(() -> IntStream.range(0, d).parallel().forEach(body)).join();
            }
        }

        /** Adds the gradients of rows {@code list[0..m)} (all rows when list is null) to feature f's histogram. */
        private void accumulate(int f, double[] hist, int[] list, int m) {
            byte[] column = bins[f];
            int base = offset[f];
            int binsPerNode = totalBins;
            double[] g = gradient;
            int kk = k;
            int s = stride;
            for (int q = 0; q < m; q++) {
                int i = list == null ? q : list[q];
                int h = (node[i] * binsPerNode + base + (column[i] & 0xff)) * s;
                hist[h] += 1;
                int gi = i * kk;
                for (int o = 0; o < kk; o++) {
                    hist[h + 1 + o] += g[gi + o];
                }
            }
        }

        /** score[b] += the children's summed score, over all nodes, of splitting feature f after bin b. */
        private void scoreFeature(int f, int nodes) {
            int first = offset[f];
            int last = offset[f + 1] - 1;
            if (last == first) {
                return;
            }
            double[] total = new double[stride];
            double[] left = new double[stride];
            for (int j = 0; j < nodes; j++) {
                int base = (j * totalBins + first) * stride;
                Arrays.fill(total, 0.0);
                for (int b = 0; b <= last - first; b++) {
                    for (int c = 0; c < stride; c++) {
                        total[c] += parent[base + b * stride + c];
                    }
                }
                if (total[0] == 0) {
                    continue;
                }
                Arrays.fill(left, 0.0);
                for (int b = 0; b < last - first; b++) {
                    for (int c = 0; c < stride; c++) {
                        left[c] += parent[base + b * stride + c];
                    }
                    double nl = left[0];
                    double nr = total[0] - nl;
                    double sl = 0;
                    double sr = 0;
                    for (int o = 1; o < stride; o++) {
                        double gl = left[o];
                        double gr = total[o] - gl;
                        sl += gl * gl;
                        sr += gr * gr;
                    }
                    score[first + b] += sl / (nl + l2) + sr / (nr + l2);
                }
            }
        }

        /** G^2/(n + l2) summed over outputs of node j's rows (read from feature 0's bins). */
        private double nodeScore(int j) {
            double[] hist = parent;
            int from = j * totalBins * stride;
            int bins0 = offset[1];
            double count = 0;
            double sum = 0;
            double[] g = new double[k];
            for (int b = 0; b < bins0; b++) {
                int h = from + b * stride;
                count += hist[h];
                for (int o = 0; o < k; o++) {
                    g[o] += hist[h + 1 + o];
                }
            }
            for (int o = 0; o < k; o++) {
                sum += g[o] * g[o];
            }
            return count == 0 ? 0 : sum / (count + l2);
        }

        /**
         * Histograms of the next level: the smaller child of each node from its rows, the larger one as the parent
         * minus the smaller.
         */
        private void splitHistograms(int f, int bin, int level) {
            int nodes = 1 << level;
            int span = totalBins * stride;
            boolean[] rightSmaller = new boolean[nodes];
            for (int j = 0; j < nodes; j++) {
                double nl = 0;
                double all = 0;
                int base = (j * totalBins + offset[f]) * stride;
                for (int b = 0; b < offset[f + 1] - offset[f]; b++) {
                    double c = parent[base + b * stride];
                    all += c;
                    if (b <= bin) {
                        nl += c;
                    }
                }
                rightSmaller[j] = all - nl <= nl;
                int small = rightSmaller[j] ? j | (1 << level) : j;
                Arrays.fill(child, small * span, (small + 1) * span, 0.0);
            }
            int m = 0;
            int mask = nodes - 1;
            for (int i = 0; i < n; i++) {
                boolean right = (node[i] >> level) != 0;
                if (right == rightSmaller[node[i] & mask]) {
                    rows[m++] = i;
                }
            }
            int count = m;
            forFeatures(g -> accumulate(g, child, rows, count));
            for (int j = 0; j < nodes; j++) {
                int small = rightSmaller[j] ? j | (1 << level) : j;
                int large = small ^ (1 << level);
                int p = j * span;
                int s = small * span;
                int l = large * span;
                for (int c = 0; c < span; c++) {
                    child[l + c] = parent[p + c] - child[s + c];
                }
            }
            double[] swap = parent;
            parent = child;
            child = swap;
        }

        /** Leaf values of the last level, from the parents' histograms of the split feature. */
        private void leafValues(int f, int bin, int level, double[] leaf) {
            int nodes = 1 << level;
            double[] left = new double[stride];
            double[] total = new double[stride];
            for (int j = 0; j < nodes; j++) {
                Arrays.fill(left, 0.0);
                Arrays.fill(total, 0.0);
                int base = (j * totalBins + offset[f]) * stride;
                for (int b = 0; b < offset[f + 1] - offset[f]; b++) {
                    for (int c = 0; c < stride; c++) {
                        double v = parent[base + b * stride + c];
                        total[c] += v;
                        if (b <= bin) {
                            left[c] += v;
                        }
                    }
                }
                int r = j | (1 << level);
                for (int o = 0; o < k; o++) {
                    leaf[j * k + o] = -left[o + 1] / (left[0] + l2) * learningRate;
                    leaf[r * k + o] = -(total[o + 1] - left[o + 1]) / (total[0] - left[0] + l2) * learningRate;
                }
            }
        }
    }
}
