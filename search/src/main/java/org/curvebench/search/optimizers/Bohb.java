package org.curvebench.search.optimizers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.Observation;
import org.curvebench.search.Optimizer;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.SearchContext;

/**
 * {@code bohb}: BOHB (Falkner et al. 2018): Hyperband whose brackets start from candidates chosen by kernel
 * density models over the space's features, fitted at the most epochs that have enough results: the best
 * {@link #GOOD} fraction of the latest {@link #RECENT} form the good density, the rest the bad one (fitted once per
 * bracket), and of {@link #CANDIDATES} candidates
 * (mutations of good architectures) the one with the highest ratio is taken. A third of the candidates stay random,
 * as in BOHB. Architectures are discrete, so candidates come from mutation rather than from sampling the density.
 */
public final class Bohb implements OptimizerProvider {

    static final double GOOD = 0.15;
    static final int CANDIDATES = 64;
    static final double RANDOM_FRACTION = 1.0 / 3;
    static final double BANDWIDTH = 0.5;
    /** The latest results at a number of epochs that the densities are fitted to. */
    static final int RECENT = 300;

    @Override
    public String name() {
        return "bohb";
    }

    @Override
    public String description() {
        return "BOHB (Hyperband with kernel density models over the features, eta " + Hyperband.ETA + ")";
    }

    @Override
    public boolean multiFidelity() {
        return true;
    }

    @Override
    public Optimizer create(SearchContext context) {
        return new Hyperband.Brackets(context, false, new Densities(context));
    }

    private static final class Densities implements Hyperband.Proposer {
        private final SearchContext context;
        private final Map<Integer, List<Observation>> byEpochs = new TreeMap<>(Comparator.reverseOrder());

        Densities(SearchContext context) {
            this.context = context;
        }

        @Override
        public void observe(Observation observation) {
            byEpochs.computeIfAbsent(observation.epochs(), k -> new ArrayList<>()).add(observation);
        }

        @Override
        public List<Architecture> propose(int n) {
            List<Observation> level = null;
            for (List<Observation> l : byEpochs.values()) {
                int dimension = context.features(l.get(0).architecture()).length;
                if (l.size() >= dimension + 2) {
                    level = l;
                    break;
                }
            }
            List<Observation> sorted = new ArrayList<>();
            List<double[]> good = new ArrayList<>();
            List<double[]> bad = new ArrayList<>();
            int goodCount = 0;
            if (level != null) {
                sorted.addAll(level.subList(Math.max(0, level.size() - RECENT), level.size()));
                sorted.sort(Comparator.comparingDouble(Observation::score).reversed());
                goodCount = Math.max(1, (int) Math.ceil(GOOD * sorted.size()));
                for (int i = 0; i < sorted.size(); i++) {
                    (i < goodCount ? good : bad).add(context.features(sorted.get(i).architecture()));
                }
            }
            List<Architecture> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (level == null || context.random().nextDouble() < RANDOM_FRACTION) {
                    out.add(context.sample());
                    continue;
                }
                Architecture best = null;
                double bestRatio = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < CANDIDATES; c++) {
                    Architecture parent = sorted.get(context.random().nextInt(goodCount)).architecture();
                    Architecture candidate = context.mutate(parent);
                    double[] x = context.features(candidate);
                    double ratio = logDensity(good, x) - logDensity(bad, x);
                    if (ratio > bestRatio) {
                        bestRatio = ratio;
                        best = candidate;
                    }
                }
                out.add(best);
            }
            return out;
        }

        /** Log of a Gaussian product-kernel density (up to a constant) at {@code x}. */
        private static double logDensity(List<double[]> points, double[] x) {
            if (points.isEmpty()) {
                return 0;
            }
            double max = Double.NEGATIVE_INFINITY;
            double[] logs = new double[points.size()];
            for (int i = 0; i < logs.length; i++) {
                double[] p = points.get(i);
                double d = 0;
                for (int j = 0; j < x.length; j++) {
                    double t = (x[j] - p[j]) / BANDWIDTH;
                    d += t * t;
                }
                logs[i] = -0.5 * d;
                max = Math.max(max, logs[i]);
            }
            double sum = 0;
            for (double l : logs) {
                sum += Math.exp(l - max);
            }
            return max + Math.log(sum / logs.length);
        }
    }
}
