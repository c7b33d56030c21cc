package org.curvebench.noise;

import org.curvebench.core.Progress;

/** Fits a {@link NoiseModel}; one implementation per kind of model. */
public interface NoiseModelTrainer {

    /** Name used on the command line ({@code --noise}) and in surrogate manifests. */
    String name();

    /** Fits on the residuals of the training runs; deterministic for a given seed. */
    NoiseModel fit(NoiseTrainingSet data, long seed, Progress progress);
}
