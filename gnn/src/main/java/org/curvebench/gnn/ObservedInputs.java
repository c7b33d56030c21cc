package org.curvebench.gnn;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The graph-level inputs a GIN takes from the observed first epochs of a curve: the observed values and the
 * changes between consecutive ones, standardised with the training set's means and spreads. Empty when the
 * surrogate observes nothing.
 *
 * @param mean  per input, over the training architectures
 * @param scale per input (1 where the training values do not vary)
 */
record ObservedInputs(@JsonProperty("mean") double[] mean, @JsonProperty("scale") double[] scale) {

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

    /** The standardisation of these training observations (one array per architecture, all of one length). */
    static ObservedInputs fit(List<double[]> observed) {
        int len = observed.isEmpty() ? 0 : length(observed.get(0).length);
        double[] mean = new double[len];
        double[] sq = new double[len];
        for (double[] o : observed) {
            double[] x = raw(o);
            if (x.length != len) {
                throw new IllegalArgumentException("architectures observe different numbers of epochs");
            }
            for (int i = 0; i < len; i++) {
                mean[i] += x[i];
                sq[i] += x[i] * x[i];
            }
        }
        double[] scale = new double[len];
        for (int i = 0; i < len; i++) {
            mean[i] /= observed.size();
            double var = sq[i] / observed.size() - mean[i] * mean[i];
            scale[i] = var > 1e-24 ? Math.sqrt(var) : 1;
        }
        return new ObservedInputs(mean, scale);
    }

    /** The standardised inputs of one architecture's observed epochs. */
    double[] of(double[] observed) {
        if (length(observed.length) != mean.length) {
            throw new IllegalArgumentException("the GIN was trained on " + (mean.length + 1) / 2
                    + " observed epochs; this input has " + observed.length);
        }
        double[] x = raw(observed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - mean[i]) / scale[i];
        }
        return x;
    }
}
