package org.curvebench.search.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.Observation;
import org.curvebench.search.Optimizer;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.Request;
import org.curvebench.search.SearchContext;

/**
 * {@code ls}: local search as in NASLib: train 10 random architectures, then the neighbours of the best one in
 * random order, moving to the first that beats it; at a local optimum, start again from random ones.
 */
public final class LocalSearch implements OptimizerProvider {

    static final int INITIAL = 10;

    @Override
    public String name() {
        return "ls";
    }

    @Override
    public String description() {
        return "local search (" + INITIAL + " random starts, first-improvement moves, restarts at local optima)";
    }

    @Override
    public Optimizer create(SearchContext context) {
        return new Climber(context);
    }

    private static final class Climber implements Optimizer {
        private final SearchContext context;
        private int initialLeft = INITIAL;
        private Observation current;
        private final List<Architecture> pending = new ArrayList<>();

        Climber(SearchContext context) {
            this.context = context;
        }

        @Override
        public Request ask() {
            if (initialLeft > 0 || current == null) {
                return new Request(context.sample(), context.epochs());
            }
            if (pending.isEmpty()) {
                initialLeft = INITIAL;
                current = null;
                return new Request(context.sample(), context.epochs());
            }
            return new Request(pending.remove(pending.size() - 1), context.epochs());
        }

        @Override
        public void tell(Observation o) {
            if (initialLeft > 0) {
                initialLeft--;
                if (current == null || o.score() > current.score()) {
                    current = o;
                }
                if (initialLeft == 0) {
                    moveTo(current);
                }
                return;
            }
            if (o.score() > current.score()) {
                moveTo(o);
            }
        }

        /** Makes {@code o} the current point and queues its neighbours in random order (taken from the end). */
        private void moveTo(Observation o) {
            current = o;
            pending.clear();
            pending.addAll(context.neighbours(o.architecture()));
            for (int i = pending.size() - 1; i > 0; i--) {
                int j = context.random().nextInt(i + 1);
                Architecture t = pending.get(i);
                pending.set(i, pending.get(j));
                pending.set(j, t);
            }
        }
    }
}
