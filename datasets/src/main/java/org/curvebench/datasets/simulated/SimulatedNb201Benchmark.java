package org.curvebench.datasets.simulated;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.LearningCurve;
import org.curvebench.datasets.Metrics;
import org.curvebench.datasets.TrainingRun;
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
    public static final double SPIKE_PROBABILITY = 0.01;
    /** Lag-one autocorrelation of the simulated noise. */
    public static final double NOISE_AUTOCORRELATION = 0.5;

    private static final double[] OP_QUALITY = {0.0, 0.35, 0.6, 1.0, 0.3};

    private final CurveDataset dataset;
    private final Map<String, double[]> trueMean;
    private final Map<String, double[]> trueSigma;

    private SimulatedNb201Benchmark(CurveDataset dataset, Map<String, double[]> trueMean,
                                    Map<String, double[]> trueSigma) {
        this.dataset = dataset;
        this.trueMean = trueMean;
        this.trueSigma = trueSigma;
    }

    /**
     * Generates {@code architectures} distinct cells, each trained with {@code seeds} seeds for {@code epochs}
     * epochs; the same arguments always give the same data.
     */
    public static SimulatedNb201Benchmark generate(int architectures, int seeds, int epochs, long seed) {
        int space = (int) Math.pow(Nb201Cell.OPS.size(), Nb201Cell.EDGES);
        if (architectures < 1 || architectures > space) {
            throw new IllegalArgumentException("architectures must be in 1.." + space + ", got " + architectures);
        }
        if (seeds < 1 || epochs < 2) {
            throw new IllegalArgumentException("need at least 1 seed and 2 epochs");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[space];
        for (int i = 0; i < space; i++) {
            order[i] = i;
        }
        for (int i = space - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<TrainingRun> runs = new ArrayList<>(architectures * seeds);
        Map<String, double[]> means = new HashMap<>();
        Map<String, double[]> sigmas = new HashMap<>();
        for (int a = 0; a < architectures; a++) {
            Nb201Cell cell = cellOf(order[a]);
            SplittableRandom archRandom = random.split();
            double[] mean = meanCurve(cell, epochs, archRandom);
            double[] sigma = sigmaCurve(cell, epochs);
            means.put(cell.canonicalKey(), mean);
            sigmas.put(cell.canonicalKey(), sigma);
            for (int s = 0; s < seeds; s++) {
                runs.add(run(cell, s, mean, sigma, archRandom.split()));
            }
        }
        return new SimulatedNb201Benchmark(CurveDataset.fromRuns(new Nb201Space(), runs, List.of()), means, sigmas);
    }

    /** The simulated runs. */
    public CurveDataset dataset() {
        return dataset;
    }

    /** The true mean validation-accuracy curve of a cell, by canonical key. */
    public double[] trueMean(String key) {
        return trueMean.get(key).clone();
    }

    /** The true per-epoch noise standard deviation of a cell's validation accuracy (spikes aside). */
    public double[] trueSigma(String key) {
        return trueSigma.get(key).clone();
    }

    static Nb201Cell cellOf(int index) {
        int[] ops = new int[Nb201Cell.EDGES];
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            ops[e] = index % Nb201Cell.OPS.size();
            index /= Nb201Cell.OPS.size();
        }
        return new Nb201Cell(ops);
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
        double[] m = new double[epochs];
        if (path < 0) {
            for (int e = 0; e < epochs; e++) {
                m[e] = 10.0 + 0.3 * (1 - Math.exp(-e / 5.0));
            }
            return m;
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
        double shape = 0.7 + 0.6 * quality;
        double lateGain = 2.5 * quality;
        for (int e = 0; e < epochs; e++) {
            double t = (e + 1.0) / epochs;
            m[e] = plateau - (plateau - start) * Math.exp(-Math.pow((e + 1.0) / tau, shape)) + lateGain * Math.pow(t, 4);
        }
        return m;
    }

    private static double[] sigmaCurve(Nb201Cell c, int epochs) {
        double unstable = 0.35 + 0.25 * (count(c, "skip_connect") + count(c, "avg_pool_3x3"));
        double[] s = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            s[e] = unstable * (0.5 + 2.5 * Math.exp(-e / (0.15 * epochs)));
        }
        return s;
    }

    private static TrainingRun run(Nb201Cell cell, int seed, double[] mean, double[] sigma, SplittableRandom random) {
        int n = mean.length;
        double[] val = new double[n];
        double[] train = new double[n];
        double[] loss = new double[n];
        double[] seconds = new double[n];
        double rho = NOISE_AUTOCORRELATION;
        double innovation = Math.sqrt(1 - rho * rho);
        double z = gaussian(random);
        double perEpoch = 6 + 4 * count(cell, "nor_conv_3x3") + 1.5 * count(cell, "nor_conv_1x1");
        for (int e = 0; e < n; e++) {
            if (e > 0) {
                z = rho * z + innovation * gaussian(random);
            }
            double v = mean[e] + sigma[e] * z;
            if (random.nextDouble() < SPIKE_PROBABILITY) {
                v -= random.nextDouble(5, 20);
            }
            val[e] = clamp(v);
            double progress = (e + 1.0) / n;
            train[e] = clamp(mean[e] + (100 - mean[e]) * 0.6 * progress + 0.5 * sigma[e] * gaussian(random));
            loss[e] = 2.3 * Math.pow(1 - val[e] / 100.0, 1.3) + 0.02 * Math.abs(gaussian(random));
            seconds[e] = perEpoch * (1 + 0.05 * gaussian(random));
        }
        Map<String, LearningCurve> metrics = new LinkedHashMap<>();
        metrics.put(Metrics.VAL_ACC, LearningCurve.of(val));
        metrics.put(Metrics.TRAIN_ACC, LearningCurve.of(train));
        metrics.put(Metrics.VAL_LOSS, LearningCurve.of(loss));
        return new TrainingRun(cell, seed, metrics, Optional.of(LearningCurve.of(seconds)));
    }

    private static double clamp(double acc) {
        return Math.max(0, Math.min(100, acc));
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
