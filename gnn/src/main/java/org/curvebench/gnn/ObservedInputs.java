package org.curvebench.gnn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * The graph-level inputs a GIN takes from the observed first epochs of a curve: the observed values and the
 * changes between consecutive ones, then, when knots are asked for, for each of those a hinge
 * {@code max(0, value - knot)} at each of its knots (quantiles of the training values), all standardised with the
 * training set's means and spreads. Hinges let the skip bend where a line cannot (on NAS-Bench-NLP the final loss
 * rises with the first epochs' loss, falls again for cells still on the untrained plateau and rises once more above
 * it), but beyond the training range they carry their last segment on, which is why they are not the default
 * (README, "The GIN regressor"). Empty when the surrogate observes nothing.
 *
 * @param mean  per input (values, changes, then the hinges input by input), over the training architectures
 * @param scale per input (1 where the training values do not vary)
 * @param knots per value or change, its hinges' knots in the data's units; null for none (files written before
 *              them)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ObservedInputs(@JsonProperty("mean") double[] mean, @JsonProperty("scale") double[] scale,
                      @JsonProperty("knots") double[][] knots) {

    ObservedInputs {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("observed-input standardisation: " + mean.length + " means but "
                    + scale.length + " scales");
        }
        if (knots != null) {
            int width = knots.length;
            for (double[] k : knots) {
                width += k.length;
            }
            if (width != mean.length) {
                throw new IllegalArgumentException("observed-input standardisation: " + knots.length
                        + " observed inputs with " + (width - knots.length) + " knots make " + width
                        + " inputs, but it has " + mean.length + " means");
            }
        }
    }

    /** Values and changes of this many observed epochs. */
    static int length(int observedEpochs) {
        return observedEpochs == 0 ? 0 : 2 * observedEpochs - 1;
    }

    static double[] raw(double[] observed) {
        int n = observed.length;
        double[] x = new double[length(n)];
        System.arraycopy(observed, 0, x, 0, n);
        for (int i = 1; i < n; i++) {
            x[n + i - 1] = observed[i] - observed[i - 1];
        }
        return x;
    }

    /**
     * The standardisation of these training observations (one array per architecture, all of one length), with
     * hinges at the {@code j / (knotCount + 1)} quantiles of each value and change (distinct ones strictly inside
     * the training range).
     */
    static ObservedInputs fit(List<double[]> observed, int knotCount) {
        int len = observed.isEmpty() ? 0 : length(observed.get(0).length);
        double[][] raws = new double[observed.size()][];
        for (int r = 0; r < raws.length; r++) {
            raws[r] = raw(observed.get(r));
            if (raws[r].length != len) {
                throw new IllegalArgumentException("architectures observe different numbers of epochs");
            }
        }
        double[][] knots = new double[len][];
        for (int i = 0; i < len; i++) {
            knots[i] = knots(raws, i, knotCount);
        }
        double[][] expanded = new double[raws.length][];
        for (int r = 0; r < raws.length; r++) {
            expanded[r] = expand(raws[r], knots);
        }
        int width = expanded.length == 0 ? len : expanded[0].length;
        double[] mean = new double[width];
        double[] sq = new double[width];
        for (double[] x : expanded) {
            for (int i = 0; i < width; i++) {
                mean[i] += x[i];
                sq[i] += x[i] * x[i];
            }
        }
        double[] scale = new double[width];
        for (int i = 0; i < width; i++) {
            mean[i] /= Math.max(1, expanded.length);
            double var = sq[i] / Math.max(1, expanded.length) - mean[i] * mean[i];
            scale[i] = var > 1e-24 ? Math.sqrt(var) : 1;
        }
        return new ObservedInputs(mean, scale, knots);
    }

    private static double[] knots(double[][] raws, int input, int knotCount) {
        double[] v = new double[raws.length];
        for (int r = 0; r < raws.length; r++) {
            v[r] = raws[r][input];
        }
        Arrays.sort(v);
        if (v.length == 0) {
            return new double[0];
        }
        double[] k = new double[knotCount];
        int n = 0;
        for (int j = 1; j <= knotCount; j++) {
            double q = quantile(v, (double) j / (knotCount + 1));
            if (q > v[0] && q < v[v.length - 1] && (n == 0 || q > k[n - 1])) {
                k[n++] = q;
            }
        }
        return Arrays.copyOf(k, n);
    }

    /** Linear interpolation between the order statistics of sorted values. */
    private static double quantile(double[] sorted, double p) {
        double at = p * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] expand(double[] raw, double[][] knots) {
        if (knots == null) {
            return raw;
        }
        int width = raw.length;
        for (double[] k : knots) {
            width += k.length;
        }
        if (width == raw.length) {
            return raw;
        }
        double[] x = Arrays.copyOf(raw, width);
        int at = raw.length;
        for (int i = 0; i < raw.length; i++) {
            for (double knot : knots[i]) {
                x[at++] = Math.max(0, raw[i] - knot);
            }
        }
        return x;
    }

    /** The standardised inputs of one architecture's observed epochs. */
    double[] of(double[] observed) {
        int base = knots == null ? mean.length : knots.length;
        if (length(observed.length) != base) {
            throw new IllegalArgumentException("the GIN was trained on " + (base + 1) / 2
                    + " observed epochs; this input has " + observed.length);
        }
        double[] x = expand(raw(observed), knots);
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean[i]) / scale[i];
        }
        return x;
    }
}
