package org.curvebench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.SearchSpace;

/**
 * What a NAS run trains on: the learning curve one training of an architecture gives, its noise-free final value
 * (to score regret), and the architectures an optimizer may draw. A surrogate ({@link SurrogateCurves}) or a
 * replayed table of real runs ({@link TableBenchmark}), so that the same optimizer runs on both. Implementations
 * are thread-safe and deterministic: the same architecture and seed always give the same curve.
 */
public interface Benchmark {

    SearchSpace space();

    /** The metric whose curve is trained, e.g. {@code val_acc}. */
    String metric();

    /** Epochs of a full training. */
    int epochs();

    /** One line saying what this benchmark is, for messages and output. */
    String description();

    /** Whether a higher value of the metric is better (accuracies), or a lower one (losses, perplexities). */
    default boolean maximize() {
        String m = metric().toLowerCase(java.util.Locale.ROOT);
        return !(m.contains("loss") || m.contains("ppl") || m.contains("perplexity") || m.contains("err"));
    }

    /** The whole curve ({@link #epochs()} values) that training seed {@code seed} of the architecture gives. */
    LearningCurve trainingCurve(Architecture architecture, long seed);

    /** The noise-free final value of the metric: the surrogate's mean, or the table's mean over runs. */
    double meanFinal(Architecture architecture);

    /** {@link #meanFinal} of many architectures, in order. */
    default double[] meanFinals(List<? extends Architecture> architectures) {
        double[] out = new double[architectures.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = meanFinal(architectures.get(i));
        }
        return out;
    }

    /** A random architecture an optimizer may train. */
    default Architecture sample(RandomGenerator random) {
        return space().sample(random);
    }

    /** The architectures one edit away that an optimizer may train, in a fixed order. */
    default List<Architecture> neighbours(Architecture architecture) {
        return space().neighbours(architecture);
    }

    /** Every architecture, where they are few enough to score one by one; empty otherwise. */
    default Optional<List<Architecture>> all() {
        return SpaceEnumeration.of(space());
    }

    /** Keeps the architectures of {@code candidates} that this benchmark can train (all, for a surrogate). */
    default List<Architecture> trainable(List<Architecture> candidates) {
        return new ArrayList<>(candidates);
    }
}
