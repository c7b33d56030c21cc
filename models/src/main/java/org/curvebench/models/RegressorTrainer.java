package org.curvebench.models;

import java.util.Map;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;

/** Fits a {@link CurveRegressor}; one implementation per learning algorithm, configured at construction. */
public interface RegressorTrainer {

    /** The name of the {@link RegressorProvider} that made this trainer. */
    String name();

    /** The settings this trainer fits with, by name, for the surrogate's manifest. */
    Map<String, Object> hyperparameters();

    /** Whether the regressors this trainer fits read cell graphs (their inputs then carry them). */
    default boolean readsGraphs() {
        return false;
    }

    /**
     * This trainer as it should fit models whose outputs encode architectures for another regressor (an
     * {@link EmbeddingFeaturesTrainer}'s embedding): itself, unless its defaults differ in that role.
     */
    default RegressorTrainer forEncoding() {
        return this;
    }

    /**
     * Fits on {@code x -> y}; {@code xValid/yValid} (may be empty) drive early stopping and model selection.
     * Deterministic for a given {@code seed}.
     */
    CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed, Progress progress);
}
