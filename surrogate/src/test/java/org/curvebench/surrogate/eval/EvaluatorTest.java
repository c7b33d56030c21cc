package org.curvebench.surrogate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.core.LearningCurve;
import org.curvebench.core.Progress;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.features.FeatureVector;
import org.curvebench.encoding.features.FeatureVectorSpace;
import org.curvebench.surrogate.SurrogateBenchmark;
import org.junit.jupiter.api.Test;

/** The evaluator against an oracle surrogate over data whose truth is known exactly. */
class EvaluatorTest {

    private static final int EPOCHS = 12;
    private static final double SIGMA = 0.5;

    private static double[] mean(FeatureVector a) {
        double level = a.values()[0];
        double[] m = new double[EPOCHS];
        for (int e = 0; e < EPOCHS; e++) {
            m[e] = level * (1 - Math.exp(-(e + 1) / 3.0));
        }
        return m;
    }

    /** Knows each architecture's true mean; its noise has the true sigma unless told otherwise. */
    private record Oracle(double noiseSigma) implements SurrogateBenchmark {
        @Override
        public SearchSpace space() {
            return new FeatureVectorSpace();
        }

        @Override
        public String metric() {
            return "val_acc";
        }

        @Override
        public int epochs() {
            return EPOCHS;
        }

        @Override
        public LearningCurve meanCurve(Architecture a) {
            return LearningCurve.of(mean((FeatureVector) a));
        }

        @Override
        public LearningCurve noisyCurve(Architecture a, long seed) {
            double[] m = mean((FeatureVector) a);
            SplittableRandom r = new SplittableRandom(seed * 31 + a.canonicalKey().hashCode());
            for (int e = 0; e < EPOCHS; e++) {
                m[e] += noiseSigma * gaussian(r);
            }
            return LearningCurve.of(m);
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static CurveDataset data(int archs, int seeds) {
        SplittableRandom r = new SplittableRandom(4);
        List<TrainingRun> runs = new ArrayList<>();
        for (int i = 0; i < archs; i++) {
            FeatureVector a = new FeatureVector(new double[]{50 + 40 * r.nextDouble()});
            for (int s = 0; s < seeds; s++) {
                double[] c = mean(a);
                for (int e = 0; e < EPOCHS; e++) {
                    c[e] += SIGMA * gaussian(r);
                }
                runs.add(new TrainingRun(a, s, Map.of("val_acc", LearningCurve.of(c)), Optional.empty()));
            }
        }
        return CurveDataset.fromRuns(new FeatureVectorSpace(), runs, List.of());
    }

    @Test
    void anOracleBeatsEveryTabularBenchmarkAndMatchesTheNoise() {
        EvaluationReport r = new Evaluator(Progress.NONE).evaluate(new Oracle(SIGMA), data(300, 4));
        assertEquals(300, r.nArchs());
        assertEquals(4, r.seeds());
        assertEquals(3, r.tabular().size());
        assertTrue(r.meanFit().avgR2() > 0.99, r.toString());
        double[] r2 = r.tabular().stream().mapToDouble(t -> t.fit().avgR2()).toArray();
        assertTrue(r2[0] < r2[1] && r2[1] < r2[2], "more seeds make a better tabular benchmark: " + r.tabular());
        assertTrue(r.surrogateVsHeldoutSeed().avgR2() > r2[2], "the true mean predicts a held-out seed best");
        // KL of a 3-df variance estimate from the truth: 0.5 * (E[ratio] - 1 - E[log ratio]) ~ 0.18, plus sampling
        assertTrue(r.noise().avgKl() < 0.4, "noise KL " + r.noise().avgKl());
        assertTrue(r.noise().spikeRateData() < 0.01 && r.noise().spikeRateSurrogate() < 0.01,
                "Gaussian noise has no spikes: " + r.noise());
        EvaluationReport wrongNoise = new Evaluator(Progress.NONE).evaluate(new Oracle(SIGMA / 4), data(300, 4));
        assertTrue(wrongNoise.noise().avgKl() > 3, "too little noise must show: " + wrongNoise.noise().avgKl());
    }

    @Test
    void singleSeedDataHasNoTabularComparison() {
        EvaluationReport r = new Evaluator(Progress.NONE).evaluate(new Oracle(SIGMA), data(50, 1));
        assertNull(r.tabular());
        assertNull(r.noise());
        assertTrue(r.meanFit().finalKt() > 0.9);
    }

    @Test
    void mismatchedEpochsAreRefused() {
        List<TrainingRun> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(new TrainingRun(new FeatureVector(new double[]{i}), 0,
                    Map.of("val_acc", LearningCurve.of(new double[5])), Optional.empty()));
        }
        CurveDataset shortData = CurveDataset.fromRuns(new FeatureVectorSpace(), runs, List.of());
        var e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(Progress.NONE).evaluate(new Oracle(1), shortData));
        assertTrue(e.getMessage().contains("5 epochs but the surrogate predicts 12"), e.getMessage());
    }
}
