package org.curvebench.noise;

import java.util.List;
import java.util.Set;
import org.curvebench.core.LearnerOptions;
import org.curvebench.core.Registry;
import org.curvebench.models.ObliviousBoostingTrainer;
import org.curvebench.models.RegressorProvider;

/**
 * {@code sliding-window}, the default noise model. Options: {@code window} (odd epochs, default 9), {@code spread}
 * (the regressor of the log spread, default {@code oblivious} with fixed defaults: pure Java, like the default
 * mean model).
 */
public final class SlidingWindowNoiseProvider implements NoiseProvider {

    public static final int DEFAULT_WINDOW = 9;
    public static final int DEFAULT_COMPONENTS = 5;

    @Override
    public String name() {
        return SlidingWindowNoiseModel.NAME;
    }

    @Override
    public String description() {
        return "sliding-window spread with AR(1) correlation and replayed spikes (default); options window, spread";
    }

    @Override
    public NoiseModelTrainer trainer(LearnerOptions options, Registry<RegressorProvider> regressors) {
        options.requireOnly("noise model '" + name() + "'", Set.of("window", "spread"));
        int window = options.getInt("window", DEFAULT_WINDOW, 1, 999);
        if (window % 2 == 0) {
            throw new LearnerOptions.LearnerOptionException("window", "the noise window must be an odd number of epochs, got "
                    + window);
        }
        String spread = options.getString("spread", ObliviousBoostingTrainer.NAME);
        RegressorProvider provider = regressors.get(spread);
        LearnerOptions spreadOptions = spread.equals(ObliviousBoostingTrainer.NAME)
                ? LearnerOptions.none().with("depth", "4") // fixed settings: no model selection for the spread
                : LearnerOptions.none();
        return new SlidingWindowNoiseTrainer(window, DEFAULT_COMPONENTS, provider.trainer(spreadOptions));
    }

    @Override
    public List<Class<? extends NoiseModel>> modelTypes() {
        return List.of(SlidingWindowNoiseModel.class);
    }
}
