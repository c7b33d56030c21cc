package org.curvebench.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.curvebench.encoding.Architecture;

/**
 * Scores trials: an evaluation's regret is how far its incumbent's noise-free final value falls short of the best
 * in the space. The best is exact where the benchmark lists every architecture (NAS-Bench-201's 15,625 cells, a
 * table's rows); elsewhere it is the best of a stated sample plus every architecture any trial trained, and the
 * {@link Reference} says so.
 */
public final class Regret {

    /**
     * The value regret is measured from.
     *
     * @param exact whether every architecture was scored
     * @param scored how many architectures were scored to find it
     */
    public record Reference(double best, String bestArchitecture, boolean exact, int scored) {

        /** How the output names the reference: {@code exact} or {@code sample}. */
        public String kind() {
            return exact ? "exact" : "sample";
        }

        public String describe() {
            return exact ? "exact: best of all " + scored + " architectures"
                    : "best of a sample of " + scored + " architectures (a random sample plus every trained one); "
                    + "not the exact optimum";
        }
    }

    private final Reference reference;
    private final Map<String, Double> meanFinal;
    private final boolean maximize;

    private Regret(Reference reference, Map<String, Double> meanFinal, boolean maximize) {
        this.reference = reference;
        this.meanFinal = meanFinal;
        this.maximize = maximize;
    }

    /**
     * Scores the trials' incumbents; where the space cannot be listed, the reference is the best of
     * {@code sampleSize} architectures drawn with {@code seed} plus every trained one.
     */
    public static Regret score(Benchmark benchmark, List<Trajectory> trajectories, int sampleSize, long seed) {
        Map<String, Architecture> wanted = new LinkedHashMap<>();
        Map<String, Architecture> trained = new LinkedHashMap<>();
        for (Trajectory t : trajectories) {
            for (Evaluation e : t.evaluations()) {
                wanted.putIfAbsent(e.incumbent().canonicalKey(), e.incumbent());
                trained.putIfAbsent(e.architecture().canonicalKey(), e.architecture());
            }
        }
        Optional<List<Architecture>> all = benchmark.all();
        boolean exact = all.isPresent();
        Map<String, Architecture> scoredSet = new LinkedHashMap<>();
        if (exact) {
            all.get().forEach(a -> scoredSet.putIfAbsent(a.canonicalKey(), a));
        } else {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < sampleSize; i++) {
                Architecture a = benchmark.sample(random);
                scoredSet.putIfAbsent(a.canonicalKey(), a);
            }
            scoredSet.putAll(trained);
        }
        Map<String, Architecture> toScore = new LinkedHashMap<>(scoredSet);
        wanted.forEach(toScore::putIfAbsent);
        List<Architecture> list = new ArrayList<>(toScore.values());
        double[] values = benchmark.meanFinals(list);
        Map<String, Double> byKey = new HashMap<>();
        boolean maximize = benchmark.maximize();
        double best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        String bestKey = null;
        for (int i = 0; i < list.size(); i++) {
            String key = list.get(i).canonicalKey();
            byKey.put(key, values[i]);
            if (scoredSet.containsKey(key) && (maximize ? values[i] > best : values[i] < best)) {
                best = values[i];
                bestKey = key;
            }
        }
        return new Regret(new Reference(best, bestKey, exact, scoredSet.size()), byKey, maximize);
    }

    public Reference reference() {
        return reference;
    }

    /** The noise-free final value of an evaluation's incumbent. */
    public double incumbentMean(Evaluation e) {
        return meanFinal.get(e.incumbent().canonicalKey());
    }

    /** The regret of an evaluation's incumbent (never negative where the reference is exact). */
    public double of(Evaluation e) {
        double v = incumbentMean(e);
        return maximize ? reference.best() - v : v - reference.best();
    }
}
