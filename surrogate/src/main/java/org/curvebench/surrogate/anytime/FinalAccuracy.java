package org.curvebench.surrogate.anytime;

/**
 * An architecture's validation and test accuracy after full training, in the units of their source (fractions for
 * NAS-Bench-101's table, the fitted curves' units for a surrogate); {@code NaN} for a metric the source lacks.
 */
public record FinalAccuracy(double validation, double test) {
}
