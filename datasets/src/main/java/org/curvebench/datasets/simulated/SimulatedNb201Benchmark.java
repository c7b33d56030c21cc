package org.curvebench.datasets.simulated;

import java.util.SplittableRandom;
import org.curvebench.encoding.nb201.Nb201Cell;
import org.curvebench.encoding.nb201.Nb201Space;

/**
 * A <em>simulated</em> NAS-Bench-201-space tabular benchmark, generated from a seed: each cell gets a parametric
 * mean validation-accuracy curve whose asymptote, speed and shape follow from its operations and connectivity,
 * and each seed adds heteroscedastic AR(1) noise (larger early in training and for cells with more skip and
 * pooling edges) with occasional downward spikes. Because the true mean and sigma are known, it makes strong
 * tests and the embedded demo data. It is not real NAS-Bench-201 data.
 */
public final class SimulatedNb201Benchmark {

    /** Per-epoch probability of a spike (a one-epoch drop in accuracy). */
    public static final double SPIKE_PROBABILITY = CurveSimulation.SPIKE_PROBABILITY;
    /** Lag-one autocorrelation of the simulated noise. */
    public static final double NOISE_AUTOCORRELATION = CurveSimulation.NOISE_AUTOCORRELATION;

    private static final double[] OP_QUALITY = {0.0, 0.35, 0.6, 1.0, 0.3};

    private SimulatedNb201Benchmark() {
    }

    /**
     * Generates {@code architectures} distinct cells, each trained with {@code seeds} seeds for {@code epochs}
     * epochs; the same arguments always give the same data. The cells are drawn with {@link Nb201Space#sample},
     * repeats skipped, except that asking for all 15,625 takes each cell in turn.
     */
    public static SimulatedBenchmark generate(int architectures, int seeds, int epochs, long seed) {
        Nb201Space nb201 = new Nb201Space();
        boolean everyCell = architectures == Nb201Cell.CELLS;
        int[] next = {0};
        return CurveSimulation.generate(nb201, architectures, Nb201Cell.CELLS, seeds, epochs, seed,
                random -> everyCell ? Nb201Cell.ofIndex(next[0]++) : nb201.sample(random),
                (cell, random) -> new CurveSimulation.Truth(meanCurve(cell, epochs, random), sigmaCurve(cell, epochs),
                        secondsPerEpoch(cell)));
    }

    private static int count(Nb201Cell c, String op) {
        int n = 0;
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            n += c.opName(e).equals(op) ? 1 : 0;
        }
        return n;
    }

    /** Quality of the best input-to-output path (edges 0: 1&lt;-0, 1: 2&lt;-0, 2: 2&lt;-1, 3: 3&lt;-0, 4: 3&lt;-1, 5: 3&lt;-2). */
    private static double bestPath(Nb201Cell c) {
        int[][] paths = {{3}, {0, 4}, {1, 5}, {0, 2, 5}};
        double best = -1;
        for (int[] path : paths) {
            double sum = 0;
            boolean open = true;
            for (int e : path) {
                open &= c.op(e) != 0;
                sum += OP_QUALITY[c.op(e)];
            }
            if (open) {
                best = Math.max(best, sum / path.length + 0.08 * (path.length - 1));
            }
        }
        return best;
    }

    private static double[] meanCurve(Nb201Cell c, int epochs, SplittableRandom random) {
        double path = bestPath(c);
        if (path < 0) {
            return CurveSimulation.flat(epochs);
        }
        double avg = 0;
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            avg += OP_QUALITY[c.op(e)];
        }
        avg /= Nb201Cell.EDGES;
        double quality = Math.min(1.0, 0.55 * path + 0.45 * avg);
        double plateau = 58 + 35 * quality + random.nextDouble(-1.0, 1.0);
        double start = 12 + 18 * quality;
        double tau = 0.05 * epochs * (1 + 0.35 * count(c, "nor_conv_3x3"));
        return CurveSimulation.saturating(epochs, start, plateau, tau, 0.7 + 0.6 * quality, 2.5 * quality);
    }

    private static double[] sigmaCurve(Nb201Cell c, int epochs) {
        return CurveSimulation.decayingSigma(epochs, 0.35 + 0.25 * (count(c, "skip_connect") + count(c, "avg_pool_3x3")));
    }

    private static double secondsPerEpoch(Nb201Cell c) {
        return 6 + 4 * count(c, "nor_conv_3x3") + 1.5 * count(c, "nor_conv_1x1");
    }
}
