package org.curvebench.search.lce;

import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;

/** Predicts the final value of a curve from its first epochs, within one trial. */
public interface LcePredictor {

    /** The predicted value at epoch {@code epochs} (1-based count) of a curve whose first epochs are {@code partial}. */
    double predict(Architecture architecture, LearningCurve partial, int epochs);

    /** A full training the trial observed, for methods that learn from them; others ignore it. */
    default void learn(Architecture architecture, LearningCurve full) {
    }
}
