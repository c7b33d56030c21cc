package org.curvebench.surrogate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import org.curvebench.core.ModelInput;
import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;

/**
 * What a surrogate with observed epochs answers when the observed values lie outside the training runs'. Trees
 * answer such values as they answer the nearest ones they saw: a run starting at a loss of 24, where training saw
 * at most 9, looks like a cell stuck at 9 and is predicted to stay there; a run starting just above every training
 * start looks like the training cells stuck on a plateau. Two answers are blended in:
 * <ul>
 * <li>a <b>robust</b> one, the curve of the cell model scaled to the last observed value (its ratio of each epoch
 * to the last observed one, times that value, or shifted to it where either is not positive; the observed values
 * at the observed epochs), with share {@code robustShare} as soon as an observed value (not a change between
 * epochs: single runs' changes are noisy) leaves its training range at all;</li>
 * <li>a model of the <b>cell alone</b>, which takes over as the features leave the range further: weight 0 within
 * {@code trustedRanges} widths of the range beyond its ends, rising linearly to 1 at {@code ignoredRanges}. Its
 * curve continues from the last observed value, the gap to it shrinking each epoch by the ratio of the last two
 * observed changes (a start spike decaying as it was seen to decay).</li>
 * </ul>
 * Files written before the robust answer have no {@code robustShare} and blend with the cell model alone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class CellFallback {

    /** The largest per-epoch ratio by which the gap between observed values and the cell model shrinks. */
    private static final double MAX_DECAY = 0.9;

    private final CurveBasis basis;
    private final CurveRegressor regressor;
    private final double[] low;
    private final double[] high;
    private final double trustedRanges;
    private final double ignoredRanges;
    private final Double robustShare;

    /** A fallback to the cell model alone (no robust answer), as files before the robust answer hold. */
    public CellFallback(CurveBasis basis, CurveRegressor regressor, double[] low, double[] high, double trustedRanges,
                        double ignoredRanges) {
        this(basis, regressor, low, high, trustedRanges, ignoredRanges, null);
    }

    @JsonCreator
    public CellFallback(@JsonProperty("basis") CurveBasis basis, @JsonProperty("regressor") CurveRegressor regressor,
                        @JsonProperty("low") double[] low, @JsonProperty("high") double[] high,
                        @JsonProperty("trustedRanges") double trustedRanges,
                        @JsonProperty("ignoredRanges") double ignoredRanges,
                        @JsonProperty("robustShare") Double robustShare) {
        if (regressor.outputDimension() != basis.components() || low.length != high.length) {
            throw new IllegalArgumentException("cell model: regressor of " + regressor.outputDimension()
                    + " outputs for " + basis.components() + " components, or feature ranges of different lengths");
        }
        if (!(0 <= trustedRanges && trustedRanges < ignoredRanges)) {
            throw new IllegalArgumentException("cell model: trusted ranges " + trustedRanges + " must be >= 0 and below "
                    + "ignored ranges " + ignoredRanges);
        }
        if (robustShare != null && !(0 <= robustShare && robustShare <= 1)) {
            throw new IllegalArgumentException("cell model: robust share " + robustShare + " must be from 0 to 1");
        }
        this.basis = basis;
        this.regressor = regressor;
        this.low = low.clone();
        this.high = high.clone();
        this.trustedRanges = trustedRanges;
        this.ignoredRanges = ignoredRanges;
        this.robustShare = robustShare;
    }

    /**
     * How far the observed features of a feature vector (its last {@link #observedFeatures()}, from
     * {@code offset + dimension - observedFeatures()}) lie outside their training range, in widths of it: 0 inside.
     */
    public double outside(double[] features, int offset, int dimension) {
        int first = offset + dimension - low.length;
        double far = 0;
        for (int i = 0; i < low.length; i++) {
            double width = Math.max(high[i] - low[i], 1e-12);
            double v = features[first + i];
            double outside = v > high[i] ? (v - high[i]) / width : v < low[i] ? (low[i] - v) / width : 0;
            far = Math.max(far, outside);
        }
        return far;
    }

    /**
     * How far the observed values themselves (the last {@code (observedFeatures() + 1) / 2} features; not their
     * changes) lie outside their training range, in widths of it: 0 inside.
     */
    public double levelsOutside(double[] features, int offset, int dimension) {
        int first = offset + dimension - low.length;
        int n = (low.length + 1) / 2;
        double far = 0;
        for (int i = low.length - n; i < low.length; i++) {
            double width = Math.max(high[i] - low[i], 1e-12);
            double v = features[first + i];
            far = Math.max(far, v > high[i] ? (v - high[i]) / width : v < low[i] ? (low[i] - v) / width : 0);
        }
        return far;
    }

    private double robustShare(double far) {
        return robustShare == null || far <= 0 ? 0 : robustShare;
    }

    private double cellWeight(double far) {
        if (far <= trustedRanges) {
            return 0;
        }
        return Math.min(1, (far - trustedRanges) / (ignoredRanges - trustedRanges));
    }

    /**
     * Blends the observed model's curve of {@code input} in {@code out} (from {@code outOffset}) with the robust
     * and cell-model answers as far as its observed features lie outside the training range; the observed epochs
     * stay the observed values wherever the cell model has a share.
     */
    public void blend(ModelInput input, double[] out, int outOffset) {
        double[] features = input.featuresView();
        double far = outside(features, 0, input.dimension());
        if (far <= 0) {
            return;
        }
        int epochs = basis.epochs();
        double[] seen = input.observed();
        int n = seen.length;
        double last = seen[n - 1];
        double share = robustShare(levelsOutside(features, 0, input.dimension()));
        double[] cell = null;
        if (share > 0) {
            cell = cellCurve(input);
            boolean ratio = last > 0 && cell[n - 1] > 0;
            for (int e = 0; e < epochs; e++) {
                double robust = e < n ? seen[e] : ratio ? cell[e] * last / cell[n - 1] : cell[e] + last - cell[n - 1];
                out[outOffset + e] = (1 - share) * out[outOffset + e] + share * robust;
            }
        }
        double c = cellWeight(far);
        if (c <= 0) {
            return;
        }
        if (cell == null) {
            cell = cellCurve(input);
        }
        double gap = last - cell[n - 1];
        double decay = decay(seen);
        System.arraycopy(seen, 0, cell, 0, n);
        for (int e = n; e < epochs; e++) {
            gap *= decay;
            cell[e] += gap;
        }
        for (int e = 0; e < epochs; e++) {
            out[outOffset + e] = (1 - c) * out[outOffset + e] + c * cell[e];
        }
    }

    private double[] cellCurve(ModelInput input) {
        double[] cell = new double[basis.epochs()];
        curve(ModelInput.of(Arrays.copyOf(input.featuresView(), input.dimension() - low.length),
                input.graph().orElse(null), new double[0]), cell);
        return cell;
    }

    /** The ratio of the last two observed changes, from 0 to {@link #MAX_DECAY} (0 when there are fewer than two). */
    static double decay(double[] seen) {
        int n = seen.length;
        if (n < 3) {
            return 0;
        }
        double previous = seen[n - 2] - seen[n - 3];
        double change = seen[n - 1] - seen[n - 2];
        if (previous == 0) {
            return 0;
        }
        double r = change / previous;
        return r > 0 ? Math.min(MAX_DECAY, r) : 0;
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

    /** The robust answer's share outside the training range; null in older files. */
    @JsonProperty("robustShare")
    public Double robustShare() {
        return robustShare;
    }
}
