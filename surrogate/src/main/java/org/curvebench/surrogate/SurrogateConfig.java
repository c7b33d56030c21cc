package org.curvebench.surrogate;

import java.util.List;
import org.curvebench.core.LearnerOptions;
import org.curvebench.models.ObliviousRegressorProvider;
import org.curvebench.models.RegressorProvider;
import org.curvebench.models.RegressorTrainer;
import org.curvebench.noise.NoiseModelTrainer;
import org.curvebench.noise.SlidingWindowNoiseProvider;

/**
 * How to build a surrogate. {@link #defaults(String)} gives CurveBench's measured defaults; {@link #x11Baseline}
 * switches the compression to NAS-Bench-x11's recipe (raw curves, no centring). Learners come from their
 * registries ({@link RegressorProvider}, {@link org.curvebench.noise.NoiseProvider}).
 *
 * @param metric             the metric whose curve is modelled
 * @param encoder            encoder name, or null for the space's default
 * @param components         SVD components k
 * @param centred            centre curves before the SVD (false: NAS-Bench-x11's recipe)
 * @param regressor          fits model inputs -> components
 * @param noise              fits the noise model
 * @param validationFraction share of training architectures held out for early stopping and model selection
 * @param seed               makes every random choice reproducible
 * @param observedEpochs     first epochs of the curve itself appended to the features (NAS-Bench-x11's
 *                           "w. accs" variant); queries must then give them; 0 for none
 * @param otherMetrics       metrics modelled besides {@code metric}, each with its own compression, regressor
 *                           and noise model (empty for a surrogate of one metric)
 */
public record SurrogateConfig(String metric, String encoder, int components, boolean centred,
                              RegressorTrainer regressor, NoiseModelTrainer noise, double validationFraction,
                              long seed, int observedEpochs, List<String> otherMetrics) {

    public static final int DEFAULT_COMPONENTS = 5;

    public SurrogateConfig {
        if (components < 1) {
            throw new IllegalArgumentException("a surrogate needs at least 1 SVD component, got " + components);
        }
        if (observedEpochs < 0) {
            throw new IllegalArgumentException("the number of observed epochs must be 0 or more, got " + observedEpochs);
        }
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + validationFraction);
        }
        otherMetrics = otherMetrics == null ? List.of() : List.copyOf(otherMetrics);
        if (otherMetrics.contains(metric) || new java.util.HashSet<>(otherMetrics).size() != otherMetrics.size()) {
            throw new IllegalArgumentException("metrics must be listed once each: " + metric + " and " + otherMetrics);
        }
    }

    /**
     * CurveBench's defaults, pure Java throughout: centred SVD, multi-output oblivious boosted trees for the
     * components (with model selection on small sets) and for the noise spread, sliding-window noise.
     */
    public static SurrogateConfig defaults(String metric) {
        return new SurrogateConfig(metric, null, DEFAULT_COMPONENTS, true,
                new ObliviousRegressorProvider().trainer(LearnerOptions.none()),
                new SlidingWindowNoiseProvider().trainer(LearnerOptions.none(), RegressorProvider.installed()),
                0.1, 0, 0, List.of());
    }

    public SurrogateConfig withSeed(long newSeed) {
        return new SurrogateConfig(metric, encoder, components, centred, regressor, noise, validationFraction, newSeed, observedEpochs, otherMetrics);
    }

    public SurrogateConfig withComponents(int k) {
        return new SurrogateConfig(metric, encoder, k, centred, regressor, noise, validationFraction, seed, observedEpochs, otherMetrics);
    }

    public SurrogateConfig withEncoder(String name) {
        return new SurrogateConfig(metric, name, components, centred, regressor, noise, validationFraction, seed, observedEpochs, otherMetrics);
    }

    public SurrogateConfig withRegressor(RegressorTrainer trainer) {
        return new SurrogateConfig(metric, encoder, components, centred, trainer, noise, validationFraction, seed, observedEpochs, otherMetrics);
    }

    public SurrogateConfig withNoise(NoiseModelTrainer trainer) {
        return new SurrogateConfig(metric, encoder, components, centred, regressor, trainer, validationFraction, seed, observedEpochs, otherMetrics);
    }

    public SurrogateConfig withObservedEpochs(int n) {
        return new SurrogateConfig(metric, encoder, components, centred, regressor, noise, validationFraction, seed, n, otherMetrics);
    }

    /** This configuration also modelling {@code metrics} (besides {@link #metric()}, which they must not repeat). */
    public SurrogateConfig withOtherMetrics(List<String> metrics) {
        return new SurrogateConfig(metric, encoder, components, centred, regressor, noise, validationFraction, seed,
                observedEpochs, metrics);
    }

    /** NAS-Bench-x11's compression: SVD of the raw curves. */
    public SurrogateConfig x11Baseline() {
        return new SurrogateConfig(metric, encoder, components, false, regressor, noise, validationFraction, seed, observedEpochs, otherMetrics);
    }
}
