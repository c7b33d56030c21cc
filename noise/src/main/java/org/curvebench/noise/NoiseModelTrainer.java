package org.curvebench.noise;

import java.util.Map;
import org.curvebench.core.Progress;

/** Fits a {@link NoiseModel}; one implementation per kind of model. */
public interface NoiseModelTrainer {

    /** The name of the {@link NoiseProvider} that made this trainer. */
    String name();

    /** The settings this trainer fits with, by name, for the surrogate's manifest. */
    Map<String, Object> hyperparameters();

    /** Fits on the residuals of the training runs; deterministic for a given seed. */
    NoiseModel fit(NoiseTrainingSet data, long seed, Progress progress);
}
