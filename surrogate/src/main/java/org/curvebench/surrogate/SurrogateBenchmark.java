package org.curvebench.surrogate;

import java.util.ArrayList;
import java.util.List;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.SearchSpace;

/**
 * A queryable surrogate benchmark: for any architecture of its space, the predicted mean learning curve of one
 * metric, or a realistic noisy curve as one training seed would give it. Implementations are thread-safe and
 * deterministic: the same architecture and seed always give the same curve.
 */
public interface SurrogateBenchmark {

    SearchSpace space();

    /** The metric whose curve is predicted, e.g. {@code val_acc}. */
    String metric();

    /** Length of the predicted curves. */
    int epochs();

    /** The predicted mean curve over training seeds. */
    LearningCurve meanCurve(Architecture architecture);

    /** A noisy curve as training seed {@code seed} would give it. */
    LearningCurve noisyCurve(Architecture architecture, long seed);

    /**
     * How many first epochs of the curve the surrogate takes as input besides the architecture (NAS-Bench-x11's
     * "w. accs" variant); 0 for a surrogate of the architecture alone.
     */
    default int observedEpochs() {
        return 0;
    }

    /**
     * The metric whose first epochs {@link #observedEpochs()} counts: this benchmark's own, or for one metric of a
     * multi-metric surrogate, its primary metric.
     */
    default String observedMetric() {
        return metric();
    }

    /** The mean curve given the first {@link #observedEpochs()} observed values of the curve. */
    default LearningCurve meanCurve(Architecture architecture, double[] observed) {
        if (observed.length != observedEpochs()) {
            throw new IllegalArgumentException("this surrogate takes " + observedEpochs() + " observed epochs, got "
                    + observed.length);
        }
        return meanCurve(architecture);
    }

    /** A noisy curve of training seed {@code seed} given the first {@link #observedEpochs()} observed values. */
    default LearningCurve noisyCurve(Architecture architecture, double[] observed, long seed) {
        if (observed.length != observedEpochs()) {
            throw new IllegalArgumentException("this surrogate takes " + observedEpochs() + " observed epochs, got "
                    + observed.length);
        }
        return noisyCurve(architecture, seed);
    }

    /** The mean curve's value at {@code epoch} (0-based). */
    default double valueAt(Architecture architecture, int epoch) {
        checkEpoch(epoch);
        return meanCurve(architecture).get(epoch);
    }

    /** The noisy curve's value at {@code epoch} (0-based) for training seed {@code seed}. */
    default double valueAt(Architecture architecture, int epoch, long seed) {
        checkEpoch(epoch);
        return noisyCurve(architecture, seed).get(epoch);
    }

    /** Mean curves of many architectures, in order. */
    default List<LearningCurve> meanCurves(List<? extends Architecture> architectures) {
        List<LearningCurve> curves = new ArrayList<>(architectures.size());
        for (Architecture a : architectures) {
            curves.add(meanCurve(a));
        }
        return curves;
    }

    private void checkEpoch(int epoch) {
        if (epoch < 0 || epoch >= epochs()) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside 0.." + (epochs() - 1));
        }
    }
}
