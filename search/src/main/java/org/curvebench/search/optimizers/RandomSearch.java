package org.curvebench.search.optimizers;

import org.curvebench.search.Observation;
import org.curvebench.search.Optimizer;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.Request;
import org.curvebench.search.SearchContext;

/** {@code rs}: random search, each candidate drawn afresh and fully trained. */
public final class RandomSearch implements OptimizerProvider {

    @Override
    public String name() {
        return "rs";
    }

    @Override
    public String description() {
        return "random search: draw, train fully, repeat";
    }

    @Override
    public Optimizer create(SearchContext context) {
        return new Optimizer() {
            @Override
            public Request ask() {
                return new Request(context.sample(), context.epochs());
            }

            @Override
            public void tell(Observation observation) {
            }
        };
    }
}
