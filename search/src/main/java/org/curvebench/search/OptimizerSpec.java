package org.curvebench.search;

import org.curvebench.search.lce.LceMethod;
import org.curvebench.search.lce.LceOptimizer;

/**
 * An optimizer as a search runs it: its provider and, for single-fidelity ones, an optional learning-curve
 * extrapolation (train to {@code lceEpochs}, predict the final value, fully train the top {@code lceTop} fraction).
 */
public record OptimizerSpec(OptimizerProvider provider, LceMethod lce, int lceEpochs, double lceTop) {

    public OptimizerSpec {
        if (lce != null && provider.multiFidelity()) {
            throw new IllegalArgumentException("optimizer '" + provider.name()
                    + "' chooses its own epochs; learning-curve extrapolation applies to single-fidelity optimizers");
        }
        if (lce != null && (lceEpochs < 1 || !(lceTop > 0 && lceTop <= 1))) {
            throw new IllegalArgumentException("extrapolation needs at least 1 epoch and a top fraction in (0, 1], got "
                    + lceEpochs + " and " + lceTop);
        }
    }

    /** A plain optimizer. */
    public static OptimizerSpec plain(OptimizerProvider provider) {
        return new OptimizerSpec(provider, null, 0, 1);
    }

    /** The name in output: the optimizer's, with {@code +method} when it extrapolates. */
    public String label() {
        return lce == null ? provider.name() : provider.name() + "+" + lce.name();
    }

    /** A new optimizer for one trial. */
    public Optimizer create(SearchContext context) {
        Optimizer inner = provider.create(context);
        if (lce == null) {
            return inner;
        }
        if (lceEpochs >= context.epochs()) {
            throw new IllegalArgumentException("extrapolation epochs (" + lceEpochs + ") must be fewer than the "
                    + context.epochs() + " epochs of a full training");
        }
        return new LceOptimizer(inner, lce.newPredictor(context), lceEpochs, lceTop, context.epochs(),
                context.maximize());
    }
}
