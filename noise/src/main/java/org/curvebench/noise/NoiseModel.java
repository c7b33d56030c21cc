package org.curvebench.noise;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.SplittableRandom;

/**
 * The run-to-run noise of learning curves around their mean: what turns a surrogate's mean curve into a
 * realistic curve of one training seed. The input of an architecture is its feature vector followed by the
 * mean model's predicted components. Implementations are immutable, thread-safe and Jackson-serialisable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SlidingWindowNoiseModel.class, name = SlidingWindowNoiseModel.NAME),
        @JsonSubTypes.Type(value = KdeNoiseModel.class, name = KdeNoiseModel.NAME)})
public interface NoiseModel {

    /** The per-epoch standard deviation of the noise for this input, written into {@code out}. */
    void sigma(double[] input, double[] out);

    /** Adds one draw of noise to {@code curve} in place; the same random state gives the same draw. */
    void addNoise(double[] input, double[] curve, SplittableRandom random);
}
