package org.curvebench.noise;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.SplittableRandom;
import org.curvebench.core.ModelInput;

/**
 * The run-to-run noise of learning curves around their mean: what turns a surrogate's mean curve into a
 * realistic curve of one training seed. The input of an architecture is its model input with the mean model's
 * predicted components appended to its features. Implementations are immutable, thread-safe and serialisable with
 * Jackson under a {@code @JsonTypeName} that their {@link NoiseProvider} lists.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface NoiseModel {

    /** The per-epoch standard deviation of the noise for this input, written into {@code out}. */
    void sigma(ModelInput input, double[] out);

    /** Adds one draw of noise to {@code curve} in place; the same random state gives the same draw. */
    void addNoise(ModelInput input, double[] curve, SplittableRandom random);

    /** What the model learnt beyond its settings (fitted correlation, spike rate, ...), for the manifest. */
    default Map<String, Object> provenance() {
        return Map.of();
    }
}
