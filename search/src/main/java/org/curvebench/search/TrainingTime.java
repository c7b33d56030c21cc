package org.curvebench.search;

import org.curvebench.encoding.Architecture;

/**
 * Simulated seconds that training an architecture from scratch to a number of epochs takes; continuing a run
 * from e1 to e2 epochs costs the difference. A surrogate's predicted {@code epoch_seconds} fits here; until then
 * {@link ConstantEpochTime} gives a documented constant per space.
 */
@FunctionalInterface
public interface TrainingTime {

    /** Seconds to train {@code architecture} from scratch to {@code epochs} epochs (0 for 0 epochs). */
    double seconds(Architecture architecture, int epochs);
}
