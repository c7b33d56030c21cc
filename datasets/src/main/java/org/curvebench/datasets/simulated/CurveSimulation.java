package org.curvebench.datasets.simulated;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.Metrics;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.SearchSpace;

/**
 * What the simulated benchmarks share: the saturating shape of a mean accuracy curve, the early-large noise level,
 * and the noisy runs drawn around a mean (AR(1) noise plus occasional downward spikes). Accuracies are percent.
 */
final class CurveSimulation {

    static final double SPIKE_PROBABILITY = 0.01;
    static final double NOISE_AUTOCORRELATION = 0.5;

    private CurveSimulation() {
    }

    /** The simulated truth of one architecture: its mean curve, its noise spread per epoch, its seconds per epoch. */
    record Truth(double[] mean, double[] sigma, double secondsPerEpoch) {
    }

    /**
     * A simulated benchmark of {@code architectures} distinct architectures of {@code space}, drawn by {@code draw}
     * from one generator (an architecture drawn again is skipped), each given its truth by {@code truth} from a
     * generator of its own and then {@code seeds} runs around it; the same arguments always give the same data.
     */
    static <A extends Architecture> SimulatedBenchmark generate(SearchSpace space, int architectures, int most,
            int seeds, int epochs, long seed, Function<SplittableRandom, A> draw,
            BiFunction<A, SplittableRandom, Truth> truth) {
        if (architectures < 1 || architectures > most) {
            throw new IllegalArgumentException("architectures must be in 1.." + most + ", got " + architectures);
        }
        if (seeds < 1 || epochs < 2) {
            throw new IllegalArgumentException("need at least 1 seed and 2 epochs");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainingRun> runs = new ArrayList<>(architectures * seeds);
        Map<String, double[]> means = new HashMap<>();
        Map<String, double[]> sigmas = new HashMap<>();
        while (means.size() < architectures) {
            A a = draw.apply(random);
            if (means.containsKey(a.canonicalKey())) {
                continue;
            }
            SplittableRandom archRandom = random.split();
            Truth t = truth.apply(a, archRandom);
            means.put(a.canonicalKey(), t.mean());
            sigmas.put(a.canonicalKey(), t.sigma());
            for (int s = 0; s < seeds; s++) {
                runs.add(run(a, s, t.mean(), t.sigma(), t.secondsPerEpoch(), archRandom.split()));
            }
        }
        return new SimulatedBenchmark(CurveDataset.fromRuns(space, runs, List.of()), means, sigmas);
    }

    /**
     * A curve rising from about {@code start} towards {@code plateau} as a stretched exponential of time constant
     * {@code tau} epochs and exponent {@code shape}, plus a late gain growing as the fourth power of progress.
     */
    static double[] saturating(int epochs, double start, double plateau, double tau, double shape, double lateGain) {
        double[] m = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double t = (e + 1.0) / epochs;
            m[e] = plateau - (plateau - start) * Math.exp(-Math.pow((e + 1.0) / tau, shape)) + lateGain * Math.pow(t, 4);
        }
        return m;
    }

    /** A curve that barely moves off chance level: a cell that cannot learn. */
    static double[] flat(int epochs) {
        double[] m = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            m[e] = 10.0 + 0.3 * (1 - Math.exp(-e / 5.0));
        }
        return m;
    }

    /** Noise standard deviation {@code level} times a factor falling from 3 to 0.5 over the first epochs. */
    static double[] decayingSigma(int epochs, double level) {
        double[] s = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            s[e] = level * (0.5 + 2.5 * Math.exp(-e / (0.15 * epochs)));
        }
        return s;
    }

    /**
     * One seed's run around {@code mean}: validation accuracy with AR(1) noise of scale {@code sigma} and spikes,
     * a training accuracy above it, a validation loss that falls as accuracy rises, and epoch seconds around
     * {@code secondsPerEpoch}.
     */
    static TrainingRun run(Architecture cell, int seed, double[] mean, double[] sigma, double secondsPerEpoch,
                           SplittableRandom random) {
        int n = mean.length;
        double[] val = new double[n];
        double[] train = new double[n];
        double[] loss = new double[n];
        double[] seconds = new double[n];
        double rho = NOISE_AUTOCORRELATION;
        double innovation = Math.sqrt(1 - rho * rho);
        double z = gaussian(random);
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
            seconds[e] = secondsPerEpoch * (1 + 0.05 * gaussian(random));
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

    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
