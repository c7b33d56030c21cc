package org.curvebench.search.optimizers;

import org.curvebench.search.Optimizer;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.SearchContext;

/**
 * {@code sh}: successive halving (Jamieson and Talwalkar 2016) with eta 3: brackets of random candidates from the
 * space's minimum epochs, the best third of each rung continued three times as long, up to the full training.
 */
public final class SuccessiveHalving implements OptimizerProvider {

    @Override
    public String name() {
        return "sh";
    }

    @Override
    public String description() {
        return "successive halving (eta " + Hyperband.ETA + ", from the minimum to the full epochs)";
    }

    @Override
    public boolean multiFidelity() {
        return true;
    }

    @Override
    public Optimizer create(SearchContext context) {
        return new Hyperband.Brackets(context, true, null);
    }
}
