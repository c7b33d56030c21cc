package org.curvebench.search;

import java.util.List;
import java.util.random.RandomGenerator;
import org.curvebench.encoding.Architecture;

/**
 * What an optimizer may know in a trial: the architectures it can draw, their neighbours, the epoch range and its
 * own random generator; never the curves, which only the runner's answers carry.
 */
public final class SearchContext {

    private final Benchmark benchmark;
    private final RandomGenerator random;
    private final int minEpochs;

    public SearchContext(Benchmark benchmark, RandomGenerator random, int minEpochs) {
        if (minEpochs < 1 || minEpochs > benchmark.epochs()) {
            throw new IllegalArgumentException("minimum epochs must be in 1.." + benchmark.epochs() + ", got " + minEpochs);
        }
        this.benchmark = benchmark;
        this.random = random;
        this.minEpochs = minEpochs;
    }

    public RandomGenerator random() {
        return random;
    }

    /** Epochs of a full training. */
    public int epochs() {
        return benchmark.epochs();
    }

    /** The fewest epochs a multi-fidelity optimizer trains a candidate to. */
    public int minEpochs() {
        return minEpochs;
    }

    /** Whether a higher value of the metric is better. */
    public boolean maximize() {
        return benchmark.maximize();
    }

    /** A random trainable architecture. */
    public Architecture sample() {
        return benchmark.sample(random);
    }

    /** The trainable architectures one edit away. */
    public List<Architecture> neighbours(Architecture architecture) {
        return benchmark.neighbours(architecture);
    }

    /** A random trainable neighbour, or a fresh sample where the architecture has none. */
    public Architecture mutate(Architecture architecture) {
        List<Architecture> all = neighbours(architecture);
        return all.isEmpty() ? sample() : all.get(random.nextInt(all.size()));
    }

    /** The space's features of an architecture (its default encoder), for model-based optimizers. */
    public double[] features(Architecture architecture) {
        return benchmark.space().defaultEncoder().encode(architecture);
    }
}
