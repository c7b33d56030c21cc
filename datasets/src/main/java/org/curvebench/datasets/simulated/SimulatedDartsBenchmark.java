package org.curvebench.datasets.simulated;

import java.util.SplittableRandom;
import org.curvebench.encoding.darts.DartsArchitecture;
import org.curvebench.encoding.darts.DartsCell;
import org.curvebench.encoding.darts.DartsSpace;

/**
 * A <em>simulated</em> DARTS-space tabular benchmark, generated from a seed: cell pairs drawn with
 * {@link DartsSpace#sample}, each with a mean validation-accuracy curve (percent, CIFAR-10-like levels) whose plateau,
 * start and speed follow from the cells' structure: the share of convolutions in the normal cell, its depth, its
 * skip connections (more than two cost accuracy, as DARTS' collapse does), its pooling, the parameter count of both
 * cells, and the reduce cell's convolutions. Each seed adds the heteroscedastic AR(1) noise with spikes of the other
 * simulators. The true mean and sigma are known. It is not real NAS-Bench-301 data.
 */
public final class SimulatedDartsBenchmark {

    /** The length of NAS-Bench-x11's NB311 curves. */
    public static final int DEFAULT_EPOCHS = 98;
    /** The most cell pairs one benchmark may hold. */
    public static final int MAX_ARCHITECTURES = 100_000;

    private static final int SKIP = DartsCell.OPS.indexOf("skip_connect");
    private static final int[] CONVS = {DartsCell.OPS.indexOf("sep_conv_3x3"), DartsCell.OPS.indexOf("sep_conv_5x5"),
            DartsCell.OPS.indexOf("dil_conv_3x3"), DartsCell.OPS.indexOf("dil_conv_5x5")};
    private static final int[] POOLS = {DartsCell.OPS.indexOf("max_pool_3x3"), DartsCell.OPS.indexOf("avg_pool_3x3")};
    private static final double[] PARAMETERS = {0, 0, 0, 2.0, 2.1, 1.0, 1.05};

    private SimulatedDartsBenchmark() {
    }

    /**
     * Generates {@code architectures} distinct cell pairs, each trained with {@code seeds} seeds for {@code epochs}
     * epochs; the same arguments always give the same data.
     */
    public static SimulatedBenchmark generate(int architectures, int seeds, int epochs, long seed) {
        DartsSpace darts = new DartsSpace();
        return CurveSimulation.generate(darts, architectures, MAX_ARCHITECTURES, seeds, epochs, seed, darts::sample,
                (pair, random) -> {
                    Shape shape = Shape.of(pair);
                    double[] mean = meanCurve(shape, epochs, random);
                    return new CurveSimulation.Truth(mean, CurveSimulation.decayingSigma(epochs,
                            0.2 + 0.08 * shape.normalSkips() + 0.05 * shape.normalPools()), 40 + 4 * shape.parameters());
                });
    }

    /** The features of a cell pair that drive its simulated curve. */
    record Shape(int normalConvs, int normalSeparable, int normalSkips, int normalPools, int normalDepth,
                 int reduceConvs, double parameters) {
        static Shape of(DartsArchitecture a) {
            DartsCell n = a.normal();
            DartsCell r = a.reduce();
            double parameters = 0;
            for (int e = 0; e < DartsCell.EDGES; e++) {
                parameters += PARAMETERS[n.op(e)] + PARAMETERS[r.op(e)];
            }
            return new Shape(count(n, CONVS), n.count(CONVS[0]) + n.count(CONVS[1]), n.count(SKIP), count(n, POOLS),
                    n.depth(), count(r, CONVS), parameters);
        }

        private static int count(DartsCell c, int[] ops) {
            int total = 0;
            for (int op : ops) {
                total += c.count(op);
            }
            return total;
        }
    }

    private static double[] meanCurve(Shape s, int epochs, SplittableRandom random) {
        double quality = 0.30 * s.normalConvs() / 8.0
                + 0.12 * s.normalSeparable() / 8.0
                + 0.14 * (s.normalDepth() - 1) / 3.0
                + 0.18 * Math.sqrt(s.parameters() / 33.0)
                + 0.10 * s.reduceConvs() / 8.0
                - 0.10 * Math.max(0, s.normalSkips() - 2)
                - 0.05 * s.normalPools() / 8.0
                + 0.08;
        quality = Math.max(0, Math.min(1, quality));
        double plateau = 80.0 + 16.0 * quality + random.nextDouble(-0.15, 0.15);
        double start = 30 + 20 * quality;
        double tau = 0.06 * epochs * (1 + 0.03 * s.parameters());
        return CurveSimulation.saturating(epochs, start, plateau, tau, 0.8 + 0.4 * quality, 1.5 * quality);
    }
}
