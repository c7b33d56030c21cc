package org.curvebench.surrogate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.curvebench.core.ModelInput;
import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;

/**
 * A model of the cell alone beside a surrogate with observed epochs, and how far to trust the observed epochs.
 * Trees answer observed values far outside the training runs' as they answer the nearest ones they saw: a run
 * starting at a loss of 24, where training saw at most 9, looks like a cell stuck at 9 and is predicted to stay
 * there. The observed model's curve is therefore blended with this model's: weight 1 while every observed feature
 * (value or change between epochs) lies within {@code trustedRanges} of the training range beyond its ends
 * (measured in widths of that range), falling linearly to 0 at {@code ignoredRanges}.
 */
public final class CellFallback {

    private final CurveBasis basis;
    private final CurveRegressor regressor;
    private final double[] low;
    private final double[] high;
    private final double trustedRanges;
    private final double ignoredRanges;

    @JsonCreator
    public CellFallback(@JsonProperty("basis") CurveBasis basis, @JsonProperty("regressor") CurveRegressor regressor,
                        @JsonProperty("low") double[] low, @JsonProperty("high") double[] high,
                        @JsonProperty("trustedRanges") double trustedRanges,
                        @JsonProperty("ignoredRanges") double ignoredRanges) {
        if (regressor.outputDimension() != basis.components() || low.length != high.length) {
            throw new IllegalArgumentException("cell model: regressor of " + regressor.outputDimension()
                    + " outputs for " + basis.components() + " components, or feature ranges of different lengths");
        }
        if (!(0 <= trustedRanges && trustedRanges < ignoredRanges)) {
            throw new IllegalArgumentException("cell model: trusted ranges " + trustedRanges + " must be >= 0 and below "
                    + "ignored ranges " + ignoredRanges);
        }
        this.basis = basis;
        this.regressor = regressor;
        this.low = low.clone();
        this.high = high.clone();
        this.trustedRanges = trustedRanges;
        this.ignoredRanges = ignoredRanges;
    }

    /**
     * The weight of the observed model for a feature vector whose last {@link #observedFeatures()} features (from
     * {@code offset + dimension - observedFeatures()}) derive from the observed epochs: 1 inside the trusted margin,
     * 0 beyond the ignored one.
     */
    public double weight(double[] features, int offset, int dimension) {
        int first = offset + dimension - low.length;
        double far = 0;
        for (int i = 0; i < low.length; i++) {
            double width = Math.max(high[i] - low[i], 1e-12);
            double v = features[first + i];
            double outside = v > high[i] ? (v - high[i]) / width : v < low[i] ? (low[i] - v) / width : 0;
            far = Math.max(far, outside);
        }
        if (far <= trustedRanges) {
            return 1;
        }
        return Math.max(0, 1 - (far - trustedRanges) / (ignoredRanges - trustedRanges));
    }

    /** Writes the cell model's curve for an input of the encoding alone into {@code out}. */
    public void curve(ModelInput cellInput, double[] out) {
        double[] labels = new double[basis.components()];
        regressor.predict(cellInput, labels);
        basis.decode(labels, out);
    }

    /** Number of features at the end of a feature vector that derive from the observed epochs. */
    public int observedFeatures() {
        return low.length;
    }

    @JsonProperty("basis")
    public CurveBasis basis() {
        return basis;
    }

    @JsonProperty("regressor")
    public CurveRegressor regressor() {
        return regressor;
    }

    @JsonProperty("low")
    public double[] low() {
        return low.clone();
    }

    @JsonProperty("high")
    public double[] high() {
        return high.clone();
    }

    @JsonProperty("trustedRanges")
    public double trustedRanges() {
        return trustedRanges;
    }

    @JsonProperty("ignoredRanges")
    public double ignoredRanges() {
        return ignoredRanges;
    }
}
