package org.curvebench.search.optimizers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.curvebench.core.Progress;
import org.curvebench.encoding.Architecture;
import org.curvebench.models.ObliviousBoostingTrainer;
import org.curvebench.models.ObliviousTreeRegressor;
import org.curvebench.search.Observation;
import org.curvebench.search.Optimizer;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.Request;
import org.curvebench.search.SearchContext;

/**
 * {@code bananas}: BANANAS (White et al. 2021) with NASLib's defaults where they fit: 10 random architectures, then
 * rounds of an ensemble of {@link #ENSEMBLE} boosted-tree models (each on a bootstrap sample) over the space's
 * features, {@link #CANDIDATES} candidates made by mutating the best {@link #PARENTS} architectures so far, and the
 * {@link #BATCH} candidates of highest expected improvement trained before the models are refitted.
 */
public final class Bananas implements OptimizerProvider {

    static final int INITIAL = 10;
    static final int ENSEMBLE = 3;
    static final int CANDIDATES = 100;
    static final int PARENTS = 2;
    static final int BATCH = 10;

    private static final ObliviousBoostingTrainer TREES = new ObliviousBoostingTrainer(0.3, 3, 60, 60, 1.0, 32, 1);

    @Override
    public String name() {
        return "bananas";
    }

    @Override
    public String description() {
        return "BANANAS (ensemble of " + ENSEMBLE + " boosted-tree models, expected improvement, mutation-based "
                + "candidates)";
    }

    @Override
    public Optimizer create(SearchContext context) {
        return new Rounds(context);
    }

    private static final class Rounds implements Optimizer {
        private final SearchContext context;
        private final List<Observation> seen = new ArrayList<>();
        private final Set<String> asked = new HashSet<>();
        private final Deque<Architecture> queue = new ArrayDeque<>();
        /** Draws at random, without fitting, until something new was asked since mutation found nothing new. */
        private int exhaustedAt;

        Rounds(SearchContext context) {
            this.context = context;
        }

        @Override
        public Request ask() {
            if (seen.size() < INITIAL) {
                return new Request(context.sample(), context.epochs());
            }
            if (queue.isEmpty()) {
                propose();
            }
            Architecture a = queue.removeFirst();
            asked.add(a.canonicalKey());
            return new Request(a, context.epochs());
        }

        @Override
        public void tell(Observation observation) {
            seen.add(observation);
            asked.add(observation.architecture().canonicalKey());
        }

        private void propose() {
            if (asked.size() < exhaustedAt) {
                queue.add(context.sample());
                return;
            }
            List<Observation> best = new ArrayList<>(seen);
            best.sort(Comparator.comparingDouble(Observation::score).reversed());
            double incumbent = best.get(0).score();
            List<Architecture> candidates = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (int tries = 0; candidates.size() < CANDIDATES && tries < 20 * CANDIDATES; tries++) {
                Architecture parent = best.get(tries % Math.min(PARENTS, best.size())).architecture();
                Architecture child = context.mutate(parent);
                if (!asked.contains(child.canonicalKey()) && keys.add(child.canonicalKey())) {
                    candidates.add(child);
                }
            }
            if (candidates.isEmpty()) {
                exhaustedAt = asked.size() + 1;
                queue.add(context.sample());
                return;
            }
            int n = seen.size();
            double[][] x = new double[n][];
            for (int i = 0; i < n; i++) {
                x[i] = context.features(seen.get(i).architecture());
            }
            List<ObliviousTreeRegressor> models = new ArrayList<>(ENSEMBLE);
            for (int m = 0; m < ENSEMBLE; m++) {
                double[][] bx = new double[n][];
                double[][] by = new double[n][1];
                for (int i = 0; i < n; i++) {
                    int j = context.random().nextInt(n);
                    bx[i] = x[j];
                    by[i][0] = seen.get(j).score();
                }
                models.add(TREES.fit(bx, by, new double[0][], new double[0][], context.random().nextLong(),
                        Progress.NONE));
            }
            double[] ei = new double[candidates.size()];
            double[] out = new double[1];
            for (int c = 0; c < candidates.size(); c++) {
                double[] f = context.features(candidates.get(c));
                double sum = 0;
                double sumSq = 0;
                for (ObliviousTreeRegressor model : models) {
                    model.predict(f, out);
                    sum += out[0];
                    sumSq += out[0] * out[0];
                }
                double mean = sum / ENSEMBLE;
                double sd = Math.sqrt(Math.max(0, sumSq / ENSEMBLE - mean * mean));
                ei[c] = expectedImprovement(mean, sd, incumbent);
            }
            Integer[] order = new Integer[candidates.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(ei[b], ei[a]));
            for (int i = 0; i < Math.min(BATCH, order.length); i++) {
                queue.addLast(candidates.get(order[i]));
            }
        }
    }

    /** Expected improvement over {@code best} of a Gaussian with this mean and standard deviation. */
    static double expectedImprovement(double mean, double sd, double best) {
        if (sd < 1e-12) {
            return Math.max(0, mean - best);
        }
        double z = (mean - best) / sd;
        return sd * (z * Gaussian.cdf(z) + Gaussian.pdf(z));
    }
}
