package org.curvebench.models;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;

/**
 * A fitted map from an architecture's {@link ModelInput} to k outputs (the compressed curve's components).
 * Implementations are immutable, thread-safe and serialisable with Jackson under a {@code @JsonTypeName} that
 * their {@link RegressorProvider} lists, which is how surrogate files read them back.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface CurveRegressor {

    /** Length of the feature vectors this regressor was fitted on. */
    int inputDimension();

    int outputDimension();

    /** Writes the k outputs for {@code input} into {@code out}. */
    void predict(ModelInput input, double[] out);

    /** Predicts every input of the batch ({@code out}: size x outputDimension, row-major). */
    default void predictBatch(ModelInputs inputs, double[] out) {
        int k = outputDimension();
        double[] one = new double[k];
        for (int r = 0; r < inputs.size(); r++) {
            predict(inputs.get(r), one);
            System.arraycopy(one, 0, out, r * k, k);
        }
    }

    /** Whether this regressor reads the inputs' cell graphs (callers may leave them out otherwise). */
    default boolean readsGraphs() {
        return false;
    }

    /** What fitting settled on (rounds kept, settings chosen by model selection), for the surrogate's manifest. */
    default Map<String, Object> provenance() {
        return Map.of();
    }
}
