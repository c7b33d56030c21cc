package org.curvebench.noise;

import java.util.List;
import java.util.Set;
import org.curvebench.core.LearnerOptions;
import org.curvebench.core.Registry;
import org.curvebench.models.RegressorProvider;

/** {@code kde}, the kernel density over residual curves of NAS-Bench-x11's released code. Options: {@code window}. */
public final class KdeNoiseProvider implements NoiseProvider {

    @Override
    public String name() {
        return KdeNoiseModel.NAME;
    }

    @Override
    public String description() {
        return "kernel density over whole residual curves (NAS-Bench-x11's released code); option window";
    }

    @Override
    public NoiseModelTrainer trainer(LearnerOptions options, Registry<RegressorProvider> regressors) {
        options.requireOnly("noise model '" + name() + "'", Set.of("window"));
        return new KdeNoiseTrainer(options.getInt("window", SlidingWindowNoiseProvider.DEFAULT_WINDOW, 1, 999), 1000);
    }

    @Override
    public List<Class<? extends NoiseModel>> modelTypes() {
        return List.of(KdeNoiseModel.class);
    }
}
