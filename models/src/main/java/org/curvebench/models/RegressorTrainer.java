package org.curvebench.models;

import org.curvebench.core.Progress;

/** Fits a {@link CurveRegressor}; one implementation per learning algorithm, configured at construction. */
public interface RegressorTrainer {

    /** Name used on the command line and in surrogate manifests. */
    String name();

    /**
     * Fits on {@code x -> y}; {@code xValid/yValid} (may be empty) drive early stopping. Deterministic for a
     * given {@code seed}.
     */
    CurveRegressor fit(double[][] x, double[][] y, double[][] xValid, double[][] yValid, long seed, Progress progress);
}
