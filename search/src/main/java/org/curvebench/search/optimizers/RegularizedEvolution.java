package org.curvebench.search.optimizers;

import java.util.ArrayDeque;
import java.util.Deque;
import org.curvebench.search.Observation;
import org.curvebench.search.Optimizer;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.Request;
import org.curvebench.search.SearchContext;

/**
 * {@code re}: regularised evolution (Real et al. 2019) with NASLib's defaults: a population of 20 drawn at random,
 * then each child the mutation of the best of 10 members drawn at random, replacing the oldest member.
 */
public final class RegularizedEvolution implements OptimizerProvider {

    static final int POPULATION = 20;
    static final int SAMPLE = 10;

    @Override
    public String name() {
        return "re";
    }

    @Override
    public String description() {
        return "regularised evolution (population " + POPULATION + ", tournament of " + SAMPLE + ")";
    }

    @Override
    public Optimizer create(SearchContext context) {
        return new Evolution(context);
    }

    private static final class Evolution implements Optimizer {
        private final SearchContext context;
        private final Deque<Observation> population = new ArrayDeque<>();

        Evolution(SearchContext context) {
            this.context = context;
        }

        @Override
        public Request ask() {
            if (population.size() < POPULATION) {
                return new Request(context.sample(), context.epochs());
            }
            Observation[] members = population.toArray(new Observation[0]);
            Observation parent = null;
            for (int i = 0; i < SAMPLE; i++) {
                Observation m = members[context.random().nextInt(members.length)];
                if (parent == null || m.score() > parent.score()) {
                    parent = m;
                }
            }
            return new Request(context.mutate(parent.architecture()), context.epochs());
        }

        @Override
        public void tell(Observation observation) {
            population.addLast(observation);
            if (population.size() > POPULATION) {
                population.removeFirst();
            }
        }
    }
}
