package org.curvebench.surrogate;

import org.curvebench.models.LightGbmTrainer;
import org.curvebench.models.ObliviousBoostingTrainer;
import org.curvebench.models.SmallDataSelection;
import org.curvebench.models.RegressorTrainer;
import org.curvebench.noise.KdeNoiseTrainer;
import org.curvebench.noise.NoiseModelTrainer;
import org.curvebench.noise.SlidingWindowNoiseTrainer;

/**
 * How to build a surrogate. {@link #defaults(String)} gives CurveBench's measured defaults; {@link #x11Baseline}
 * switches the compression to NAS-Bench-x11's recipe (raw curves, no centring).
 *
 * @param metric             the metric whose curve is modelled
 * @param encoder            encoder name, or null for the space's default
 * @param components         SVD components k
 * @param centred            centre curves before the SVD (false: NAS-Bench-x11's recipe)
 * @param regressor          fits features -> components
 * @param noise              fits the noise model
 * @param validationFraction share of training architectures held out for early stopping
 * @param seed               makes every random choice reproducible
 * @param observedEpochs     first epochs of the curve itself appended to the features (NAS-Bench-x11's
 *                           "w. accs" variant); queries must then give them; 0 for none
 */
public record SurrogateConfig(String metric, String encoder, int components, boolean centred,
                              RegressorTrainer regressor, NoiseModelTrainer noise, double validationFraction,
                              long seed, int observedEpochs) {

    public static final int DEFAULT_COMPONENTS = 5;
    public static final int DEFAULT_NOISE_WINDOW = 9;

    public SurrogateConfig {
        if (components < 1) {
            throw new IllegalArgumentException("--components must be at least 1, got " + components);
        }
        if (observedEpochs < 0) {
            throw new IllegalArgumentException("--observed-epochs must be 0 or more, got " + observedEpochs);
        }
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + validationFraction);
        }
    }

    /**
     * CurveBench's defaults: centred SVD, multi-output oblivious boosted trees for the components and for the
     * noise spread (pure Java: fast batch queries, no native code), sliding-window noise.
     */
    public static SurrogateConfig defaults(String metric) {
        return new SurrogateConfig(metric, null, DEFAULT_COMPONENTS, true, SmallDataSelection.defaults(),
                slidingWindow(DEFAULT_NOISE_WINDOW, ObliviousBoostingTrainer.defaults()), 0.1, 0, 0);
    }

    /** The defaults with LightGBM (one booster per component, also for the noise spread): most accurate on large data. */
    public static SurrogateConfig lightGbm(String metric) {
        return defaults(metric).withRegressor(LightGbmTrainer.defaults()).withNoise(slidingWindow(DEFAULT_NOISE_WINDOW));
    }

    /** The sliding-window noise model with its spread regressed by LightGBM. */
    public static NoiseModelTrainer slidingWindow(int window) {
        return new SlidingWindowNoiseTrainer(window, DEFAULT_COMPONENTS, LightGbmTrainer.defaults());
    }

    /** The sliding-window noise model with its spread regressed by {@code spread}. */
    public static NoiseModelTrainer slidingWindow(int window, RegressorTrainer spread) {
        return new SlidingWindowNoiseTrainer(window, DEFAULT_COMPONENTS, spread);
    }

    /**
     * The defaults with pure-Java oblivious boosted trees ({@link ObliviousBoostingTrainer#defaults()}) for both
     * the components and the noise model's spread: no native code at fit time, and faster batch queries.
     */

    /** The kernel-density noise model of NAS-Bench-x11's released code. */
    public static NoiseModelTrainer kde(int window) {
        return new KdeNoiseTrainer(window, 1000);
    }

    public SurrogateConfig withSeed(long newSeed) {
        return new SurrogateConfig(metric, encoder, components, centred, regressor, noise, validationFraction, newSeed, observedEpochs);
    }

    public SurrogateConfig withComponents(int k) {
        return new SurrogateConfig(metric, encoder, k, centred, regressor, noise, validationFraction, seed, observedEpochs);
    }

    public SurrogateConfig withEncoder(String name) {
        return new SurrogateConfig(metric, name, components, centred, regressor, noise, validationFraction, seed, observedEpochs);
    }

    public SurrogateConfig withRegressor(RegressorTrainer trainer) {
        return new SurrogateConfig(metric, encoder, components, centred, trainer, noise, validationFraction, seed, observedEpochs);
    }

    public SurrogateConfig withNoise(NoiseModelTrainer trainer) {
        return new SurrogateConfig(metric, encoder, components, centred, regressor, trainer, validationFraction, seed, observedEpochs);
    }

    public SurrogateConfig withObservedEpochs(int n) {
        return new SurrogateConfig(metric, encoder, components, centred, regressor, noise, validationFraction, seed, n);
    }

    /** NAS-Bench-x11's compression: SVD of the raw curves. */
    public SurrogateConfig x11Baseline() {
        return new SurrogateConfig(metric, encoder, components, false, regressor, noise, validationFraction, seed, observedEpochs);
    }
}
