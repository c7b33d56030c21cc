package org.curvebench.search;

import org.curvebench.core.Named;
import org.curvebench.core.Registry;

/**
 * A kind of NAS optimizer, registered through {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.curvebench.search.OptimizerProvider}: adding one is this class and that line.
 */
public interface OptimizerProvider extends Named {

    /** A new optimizer for one trial; its only randomness is {@code context}'s generator. */
    Optimizer create(SearchContext context);

    /**
     * Whether the optimizer chooses epochs itself (successive halving, Hyperband); learning-curve extrapolation
     * applies to the others, which ask for full trainings.
     */
    default boolean multiFidelity() {
        return false;
    }

    /** Every optimizer on the class path. */
    static Registry<OptimizerProvider> installed() {
        return Registry.installed(OptimizerProvider.class, "optimizer");
    }
}
