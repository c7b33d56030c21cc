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

    /**
     * Adds one draw of noise whose unit Gaussian innovations (one per epoch: what drives the epoch's deviation
     * beyond what earlier epochs carry over) are {@code innovations}, so that draws of several metrics can be made
     * jointly with correlated innovations; with {@code given} false the model draws them itself, exactly as
     * {@link #addNoise(ModelInput, double[], SplittableRandom)} does, and writes them into {@code innovations}.
     * Models without such innovations add an independent draw and write NaN.
     */
    default void addNoise(ModelInput input, double[] curve, SplittableRandom random, double[] innovations,
                          boolean given) {
        addNoise(input, curve, random);
        if (!given) {
            java.util.Arrays.fill(innovations, Double.NaN);
        }
    }

    /** What the model learnt beyond its settings (fitted correlation, spike rate, ...), for the manifest. */
    default Map<String, Object> provenance() {
        return Map.of();
    }
}
