package org.curvebench.models;

import java.util.List;
import org.curvebench.core.LearnerOptions;
import org.curvebench.core.Named;
import org.curvebench.core.Registry;

/**
 * A kind of regressor, registered through {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.curvebench.models.RegressorProvider}: it makes trainers from named options and lists
 * the model classes it writes into surrogate files (each with a {@code @JsonTypeName}).
 */
public interface RegressorProvider extends Named {

    /** A trainer configured by {@code options}; unknown or out-of-range options fail naming the option. */
    RegressorTrainer trainer(LearnerOptions options);

    /**
     * Whether this kind can serve as a learned encoding of architectures: its out-of-fold predictions become
     * features of another regressor ({@code fit --encoder NAME} or {@code NAME+ENCODER}, see
     * {@link EmbeddingFeaturesTrainer}). True for learners of the cell graph, which see what feature encoders miss.
     */
    default boolean embeds() {
        return false;
    }

    /**
     * How many members {@code fit} gives a regressor of this kind when {@code --ensemble} is not given (1: a single
     * fit); an {@link EnsembleTrainer} of that many otherwise.
     */
    default int defaultMembers() {
        return 1;
    }

    /** The fitted-model classes this kind writes, each annotated with {@code @JsonTypeName}. */
    List<Class<? extends CurveRegressor>> modelTypes();

    /** Every regressor kind on the class path. */
    static Registry<RegressorProvider> installed() {
        return Registry.installed(RegressorProvider.class, "regressor");
    }
}
