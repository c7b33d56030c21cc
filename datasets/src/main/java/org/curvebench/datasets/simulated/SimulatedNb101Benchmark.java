package org.curvebench.datasets.simulated;

import java.util.List;
import java.util.SplittableRandom;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Space;

/**
 * A <em>simulated</em> NAS-Bench-101-space tabular benchmark, generated from a seed: random valid cells drawn with
 * {@link Nb101Space#sample} (NAS-Bench-101's sampler: each upper-triangle edge present with probability one half,
 * interior ops uniform, invalid specs drawn again), isomorphic duplicates dropped, each with a mean
 * validation-accuracy curve (percent) whose plateau, start and speed follow from its operations, depth (longest
 * input-to-output path) and width (edges out of the input), and per seed the same AR(1) noise with spikes as
 * {@link SimulatedNb201Benchmark}. The true mean and sigma are known. It is not real NAS-Bench-101 data.
 */
public final class SimulatedNb101Benchmark {

    /** Per-epoch probability of a spike (a one-epoch drop in accuracy). */
    public static final double SPIKE_PROBABILITY = CurveSimulation.SPIKE_PROBABILITY;
    /** Lag-one autocorrelation of the simulated noise. */
    public static final double NOISE_AUTOCORRELATION = CurveSimulation.NOISE_AUTOCORRELATION;
    /** The most cells one benchmark may hold; rejection sampling slows down as the distinct cells run out. */
    public static final int MAX_ARCHITECTURES = 50_000;


    private SimulatedNb101Benchmark() {
    }

    /**
     * Generates {@code architectures} distinct cells, each trained with {@code seeds} seeds for {@code epochs}
     * epochs; the same arguments always give the same data.
     */
    public static SimulatedBenchmark generate(int architectures, int seeds, int epochs, long seed) {
        Nb101Space nb101 = new Nb101Space();
        return CurveSimulation.generate(nb101, architectures, MAX_ARCHITECTURES, seeds, epochs, seed, nb101::sample,
                (cell, random) -> {
                    Shape shape = Shape.of(cell);
                    double[] mean = meanCurve(shape, epochs, random);
                    return new CurveSimulation.Truth(mean, CurveSimulation.decayingSigma(epochs,
                            0.3 + 0.2 * shape.maxpools() + 0.1 * Math.max(0, shape.depth() - 3)),
                            4 + 3 * shape.conv3x3() + 1.2 * shape.conv1x1() + 0.5 * shape.maxpools());
                });
    }

    /** The features of a cell that drive its simulated curve. */
    record Shape(int conv3x3, int conv1x1, int maxpools, int depth, int width) {
        static Shape of(Nb101Cell c) {
            int n = c.vertices();
            int[] longest = new int[n];
            for (int j = 1; j < n; j++) {
                longest[j] = Integer.MIN_VALUE;
                for (int i = 0; i < j; i++) {
                    if (c.edge(i, j) && longest[i] != Integer.MIN_VALUE) {
                        longest[j] = Math.max(longest[j], longest[i] + 1);
                    }
                }
            }
            int width = 0;
            for (int j = 1; j < n; j++) {
                width += c.edge(0, j) ? 1 : 0;
            }
            List<String> interior = c.ops().subList(1, n - 1);
            return new Shape(count(interior, Nb101Cell.CONV3X3), count(interior, Nb101Cell.CONV1X1),
                    count(interior, Nb101Cell.MAXPOOL3X3), longest[n - 1], width);
        }

        private static int count(List<String> ops, String op) {
            return (int) ops.stream().filter(op::equals).count();
        }
    }

    private static double[] meanCurve(Shape s, int epochs, SplittableRandom random) {
        double quality = Math.max(0, Math.min(1, 0.15 + 0.13 * s.conv3x3() + 0.07 * s.conv1x1() - 0.03 * s.maxpools()
                + 0.06 * Math.min(s.depth(), 4) + 0.05 * Math.min(s.width(), 3)));
        double plateau = 76 + 18 * quality + random.nextDouble(-0.8, 0.8);
        double start = 10 + 15 * quality;
        double tau = 0.05 * epochs * (1 + 0.2 * s.conv3x3() + 0.1 * s.depth());
        return CurveSimulation.saturating(epochs, start, plateau, tau, 0.8 + 0.4 * quality, 2.0 * quality);
    }
}
