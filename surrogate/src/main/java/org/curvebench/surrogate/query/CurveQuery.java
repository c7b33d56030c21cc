package org.curvebench.surrogate.query;

import java.util.List;
import org.curvebench.encoding.Architecture;

/**
 * One question to a surrogate: the mean curve of an architecture, or the noisy curve of one training seed, given
 * the observed first epochs where the surrogate takes them.
 *
 * @param architecture the architecture, parsed by the surrogate's space
 * @param observed     the first observed epochs of the curve (empty for none)
 * @param noisy        whether to sample the curve of training seed {@code seed} rather than the mean
 * @param seed         the training seed of a noisy curve
 * @param seedGiven    whether the seed came with the query (it is then echoed in the answer)
 * @param metrics      the metrics to answer, each a curve of one joint training run; empty for the primary
 *                     metric's curve alone (the answer then has {@code "curve"}, not {@code "curves"})
 */
public record CurveQuery(Architecture architecture, double[] observed, boolean noisy, long seed, boolean seedGiven,
                         List<String> metrics) {

    private static final double[] NONE = new double[0];

    public CurveQuery {
        if (architecture == null) {
            throw new IllegalArgumentException("a query needs an architecture");
        }
        observed = observed == null || observed.length == 0 ? NONE : observed.clone();
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** A query of the primary metric alone. */
    public CurveQuery(Architecture architecture, double[] observed, boolean noisy, long seed, boolean seedGiven) {
        this(architecture, observed, noisy, seed, seedGiven, List.of());
    }

    /** This query asking for the curves of {@code names} (empty: the primary metric's curve alone). */
    public CurveQuery withMetrics(List<String> names) {
        return new CurveQuery(architecture, observed, noisy, seed, seedGiven, names);
    }

    /** The mean curve of {@code architecture}. */
    public static CurveQuery mean(Architecture architecture) {
        return new CurveQuery(architecture, NONE, false, 0, false);
    }

    /** The noisy curve of training seed {@code seed}. */
    public static CurveQuery noisy(Architecture architecture, long seed) {
        return new CurveQuery(architecture, NONE, true, seed, true);
    }

    /** This query given the observed first epochs. */
    public CurveQuery withObserved(double... values) {
        return new CurveQuery(architecture, values, noisy, seed, seedGiven, metrics);
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }

    double[] observedView() {
        return observed;
    }
}
