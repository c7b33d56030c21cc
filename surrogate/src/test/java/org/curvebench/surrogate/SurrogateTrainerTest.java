package org.curvebench.surrogate;

import static org.curvebench.surrogate.SurrogateTestData.SIM;
import static org.curvebench.surrogate.SurrogateTestData.SPLIT;
import static org.curvebench.surrogate.SurrogateTestData.SURROGATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.core.LearningCurve;
import org.curvebench.core.Progress;
import org.curvebench.encoding.Architecture;
import org.junit.jupiter.api.Test;

class SurrogateTrainerTest {

    @Test
    void meanCurvesOfUnseenArchitecturesFollowTheTrueMeans() {
        double ss = 0;
        double tot = 0;
        double grand = 0;
        int n = 0;
        for (ArchitectureRuns a : SPLIT.test().architectures()) {
            for (double v : SIM.trueMean(a.key())) {
                grand += v;
                n++;
            }
        }
        grand /= n;
        for (ArchitectureRuns a : SPLIT.test().architectures()) {
            double[] truth = SIM.trueMean(a.key());
            LearningCurve predicted = SURROGATE.meanCurve(a.architecture());
            for (int e = 0; e < truth.length; e++) {
                ss += Math.pow(predicted.get(e) - truth[e], 2);
                tot += Math.pow(truth[e] - grand, 2);
            }
        }
        assertTrue(1 - ss / tot > 0.95, "R2 against the true means " + (1 - ss / tot));
    }

    @Test
    void predictedNoiseFollowsTheTrueSigma() {
        double logError = 0;
        int n = 0;
        for (ArchitectureRuns a : SPLIT.test().architectures()) {
            double[] truth = SIM.trueSigma(a.key());
            LearningCurve sigma = SURROGATE.noiseSigma(a.architecture());
            for (int e = 0; e < truth.length; e++) {
                logError += Math.pow(Math.log(sigma.get(e) / truth[e]), 2);
                n++;
            }
        }
        assertTrue(Math.sqrt(logError / n) < 0.25, "rms log error " + Math.sqrt(logError / n));
    }

    @Test
    void noisyCurvesAreDeterministicPerSeedAndDifferAcrossSeeds() {
        Architecture a = SPLIT.test().architectures().get(0).architecture();
        assertEquals(SURROGATE.noisyCurve(a, 7), SURROGATE.noisyCurve(a, 7));
        assertNotEquals(SURROGATE.noisyCurve(a, 7), SURROGATE.noisyCurve(a, 8));
        assertEquals(SURROGATE.meanCurve(a).get(5), SURROGATE.valueAt(a, 5), 0.0);
        assertEquals(SURROGATE.noisyCurve(a, 3).get(39), SURROGATE.valueAt(a, 39, 3), 0.0);
        assertThrows(IllegalArgumentException.class, () -> SURROGATE.valueAt(a, 40));
        Architecture b = SPLIT.test().architectures().get(1).architecture();
        double[] da = diff(SURROGATE.noisyCurve(a, 1), SURROGATE.meanCurve(a));
        double[] db = diff(SURROGATE.noisyCurve(b, 1), SURROGATE.meanCurve(b));
        assertNotEquals(da[10] / SURROGATE.noiseSigma(a).get(10), db[10] / SURROGATE.noiseSigma(b).get(10),
                "the same seed draws different noise for different architectures");
    }

    private static double[] diff(LearningCurve x, LearningCurve y) {
        double[] d = x.toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] -= y.get(i);
        }
        return d;
    }

    @Test
    void fittingIsDeterministic() {
        CurveSurrogate again = new SurrogateTrainer(SurrogateTestData.CONFIG, Progress.NONE, w -> { }).fit(SPLIT.train());
        Architecture a = SPLIT.test().architectures().get(2).architecture();
        assertArrayEquals(SURROGATE.meanCurve(a).toArray(), again.meanCurve(a).toArray(), 0.0);
        assertEquals(SURROGATE.noisyCurve(a, 4), again.noisyCurve(a, 4));
        assertEquals(SURROGATE.manifest(), again.manifest());
    }

    @Test
    void batchQueriesMatchSingleQueriesAcrossThreads() throws Exception {
        List<Architecture> archs = SPLIT.test().architectures().stream().map(ArchitectureRuns::architecture).toList();
        List<LearningCurve> batch = SURROGATE.meanCurves(archs);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LearningCurve>> futures = new ArrayList<>();
            for (Architecture a : archs) {
                futures.add(pool.submit(() -> SURROGATE.meanCurve(a)));
            }
            for (int i = 0; i < archs.size(); i++) {
                assertEquals(batch.get(i), futures.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void manifestDescribesTheFit() {
        Manifest m = SURROGATE.manifest();
        assertEquals("nb201", m.space());
        assertEquals("onehot-paths", m.encoder());
        assertEquals("val_acc", m.metric());
        assertEquals(40, m.epochs());
        assertEquals(5, m.components());
        assertTrue(m.centred());
        assertEquals(SPLIT.train().digest(), m.trainingDigest());
        assertEquals(SPLIT.train().size(), m.trainingArchitectures());
    }

    @Test
    void theX11RecipeIsSelectable() {
        List<String> warnings = new ArrayList<>();
        CurveSurrogate x11 = new SurrogateTrainer(SurrogateTestData.CONFIG.x11Baseline().withComponents(60),
                Progress.NONE, warnings::add).fit(SPLIT.train());
        assertTrue(!x11.manifest().centred());
        assertEquals(40, x11.basis().components());
        assertTrue(warnings.get(0).contains("using 40 SVD components instead of 60"), warnings.toString());
    }

    @Test
    void badRequestsFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SurrogateTrainer(
                SurrogateTestData.CONFIG.withSeed(1).withEncoder("path"), Progress.NONE, w -> { }).fit(SPLIT.train()));
        assertTrue(e.getMessage().contains("onehot"), e.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> new SurrogateTrainer(
                SurrogateConfig.defaults("test_acc"), Progress.NONE, w -> { }).fit(SPLIT.train()));
        assertTrue(m.getMessage().contains("metric 'test_acc' is missing"), m.getMessage());
    }

    @Test
    void everyStageOfAFitHasItsOwnProgressLabel() {
        List<String> tasks = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void start(String task, long total) {
                tasks.add(task);
            }

            @Override
            public void advance(long steps) {
            }

            @Override
            public void done() {
            }
        };
        var small = org.curvebench.datasets.simulated.SimulatedNb201Benchmark.generate(150, 2, 12, 5).dataset();
        new SurrogateTrainer(SurrogateConfig.defaults("val_acc"), recording, w -> { }).fit(small);
        assertEquals(tasks.size(), new java.util.HashSet<>(tasks).size(), "a label repeats: " + tasks);
        assertEquals(4, tasks.stream().filter(t -> t.startsWith("choosing trees: ")).count(), tasks.toString());
        assertTrue(tasks.stream().anyMatch(t -> t.startsWith("refitting the chosen trees")), tasks.toString());
        assertTrue(tasks.contains("noise model: fitting oblivious boosted trees"), tasks.toString());
    }
}
