package org.curvebench.noise;

import java.util.List;
import org.curvebench.core.LearnerOptions;
import org.curvebench.core.Named;
import org.curvebench.core.Registry;
import org.curvebench.models.RegressorProvider;

/**
 * A kind of noise model, registered through {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.curvebench.noise.NoiseProvider}: it makes trainers from named options and lists the
 * model classes it writes into surrogate files (each with a {@code @JsonTypeName}).
 */
public interface NoiseProvider extends Named {

    /**
     * A trainer configured by {@code options}; a model that regresses its spread takes its regressor from
     * {@code regressors}. Unknown or out-of-range options fail naming the option.
     */
    NoiseModelTrainer trainer(LearnerOptions options, Registry<RegressorProvider> regressors);

    /** The fitted-model classes this kind writes, each annotated with {@code @JsonTypeName}. */
    List<Class<? extends NoiseModel>> modelTypes();

    /** Every noise model kind on the class path. */
    static Registry<NoiseProvider> installed() {
        return Registry.installed(NoiseProvider.class, "noise model");
    }
}
