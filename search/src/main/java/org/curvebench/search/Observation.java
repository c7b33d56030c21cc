package org.curvebench.search;

import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;

/**
 * What a training gave: the curve up to {@code epochs}, the value an optimizer should rank by (the last observed
 * value, or a learning-curve extrapolation's prediction of the final one), and that value as a score where higher
 * is always better, so optimizers need not know the metric's direction.
 *
 * @param predicted whether {@code value} is an extrapolated final value rather than an observed one
 */
public record Observation(Architecture architecture, int epochs, LearningCurve curve, double value, double score,
                          boolean predicted) {
}
