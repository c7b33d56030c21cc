package org.curvebench.search;

import java.util.Map;
import org.curvebench.encoding.Architecture;

/**
 * The same seconds for every epoch of every architecture: an assumption, not a measurement, used while a
 * surrogate predicts no {@code epoch_seconds}. The per-space constants are round figures of the order of the
 * published training times (see README, "Simulated time"), chosen so that NAS-Bench-x11's budgets buy a
 * comparable number of full trainings.
 */
public record ConstantEpochTime(double secondsPerEpoch) implements TrainingTime {

    /** Seconds per epoch by space name; spaces not listed get {@link #OTHER}. */
    public static final Map<String, Double> BY_SPACE =
            Map.of("nb201", 15.0, "nb101", 20.0, "nlp", 400.0, "darts", 100.0);

    /** Seconds per epoch of a space without its own constant. */
    public static final double OTHER = 10.0;

    public ConstantEpochTime {
        if (!(secondsPerEpoch > 0) || Double.isInfinite(secondsPerEpoch)) {
            throw new IllegalArgumentException("seconds per epoch must be positive and finite, got " + secondsPerEpoch);
        }
    }

    /** The constant of a space (by its name). */
    public static ConstantEpochTime forSpace(String space) {
        return new ConstantEpochTime(BY_SPACE.getOrDefault(space, OTHER));
    }

    @Override
    public double seconds(Architecture architecture, int epochs) {
        return secondsPerEpoch * epochs;
    }
}
