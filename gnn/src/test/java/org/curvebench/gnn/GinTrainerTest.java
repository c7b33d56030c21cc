package org.curvebench.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.curvebench.core.LearnerOptions;
import org.curvebench.core.Progress;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.simulated.SimulatedBenchmark;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.models.RegressorProvider;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateConfig;
import org.curvebench.surrogate.SurrogateFiles;
import org.curvebench.surrogate.SurrogateTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GIN surrogate fits, learns, is deterministic for a seed, and survives its file. */
class GinTrainerTest {

    static final GinSettings SMALL = new GinSettings(2, 16, 25, 0.01, 16, 0.035, 25);

    static SimulatedBenchmark bench;
    static CurveDataset train;
    static List<ArchitectureRuns> held;
    static CurveSurrogate fitted;

    @TempDir
    Path dir;

    static CurveSurrogate fit(GinSettings settings, long seed, int observed) {
        SurrogateConfig c = SurrogateConfig.defaults(train.space().defaultMetric())
                .withRegressor(new GinTrainer(settings)).withSeed(seed).withObservedEpochs(observed);
        return new SurrogateTrainer(c, Progress.NONE, w -> { }).fit(train);
    }

    @BeforeAll
    static synchronized void data() {
        if (fitted != null) {
            return;
        }
        bench = SimulatedNb201Benchmark.generate(200, 2, 20, 3);
        List<ArchitectureRuns> all = bench.dataset().architectures();
        train = bench.dataset().subset(all.subList(0, 150));
        held = all.subList(150, 200);
        fitted = fit(SMALL, 1, 0);
    }

    /** Root mean squared error over held-out architectures and epochs of the surrogate's mean curves. */
    private static double heldOutError(CurveSurrogate s) {
        double sum = 0;
        int n = 0;
        for (ArchitectureRuns a : held) {
            double[] truth = bench.trueMean(a.key());
            double[] curve = s.meanCurve(a.architecture()).toArray();
            for (int e = 0; e < truth.length; e++) {
                sum += (curve[e] - truth[e]) * (curve[e] - truth[e]);
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    /** Held-out error of {@code s} over that of the training architectures' mean curve (1: no better). */
    static double heldOutErrorBelowMeanCurve(CurveSurrogate s) {
        double[] mean = new double[20];
        for (ArchitectureRuns a : train.architectures()) {
            double[] t = bench.trueMean(a.key());
            for (int e = 0; e < 20; e++) {
                mean[e] += t[e] / train.size();
            }
        }
        double sum = 0;
        for (ArchitectureRuns a : held) {
            double[] truth = bench.trueMean(a.key());
            for (int e = 0; e < 20; e++) {
                sum += (mean[e] - truth[e]) * (mean[e] - truth[e]);
            }
        }
        return heldOutError(s) / Math.sqrt(sum / (held.size() * 20.0));
    }

    /** The mean curve of {@code a} as a JVM without ND4J on its class path prints it from {@code file}. */
    static String queryWithoutNd4j(Path file, ArchitectureRuns a) throws Exception {
        StringBuilder cp = new StringBuilder();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.contains("nd4j") && !entry.contains("bytedeco")) {
                cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(entry);
            }
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                cp.toString(), QueryWithoutNd4j.class.getName(), file.toString(), a.architecture().toJson().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void learnsCurvesOfArchitecturesItHasNotSeen() {
        double ratio = heldOutErrorBelowMeanCurve(fitted);
        assertTrue(ratio < 0.8, "GIN error over the mean curve's: " + ratio);
        assertEquals("gin", fitted.manifest().regressor().name());
    }

    @Test
    void sameSeedSameSurrogateOtherSeedAnother() {
        GinSettings brief = new GinSettings(2, 16, 4, 0.01, 16, 0.035, 4);
        CurveSurrogate once = fit(brief, 1, 0);
        CurveSurrogate again = fit(brief, 1, 0);
        CurveSurrogate other = fit(brief, 2, 0);
        ArchitectureRuns a = held.get(0);
        double[] first = once.meanCurve(a.architecture()).toArray();
        assertArrayEquals(first, again.meanCurve(a.architecture()).toArray(), 0.0);
        double[] third = other.meanCurve(a.architecture()).toArray();
        double gap = 0;
        for (int e = 0; e < first.length; e++) {
            gap = Math.max(gap, Math.abs(first[e] - third[e]));
        }
        assertTrue(gap > 0, "another seed trains another network");
    }

    @Test
    void savedAndLoadedThroughTheRegistry() throws Exception {
        Path file = dir.resolve("gin.cbs");
        SurrogateFiles files = SurrogateFiles.installed();
        files.save(fitted, file);
        CurveSurrogate loaded = files.load(file);
        for (ArchitectureRuns a : held.subList(0, 5)) {
            assertArrayEquals(fitted.meanCurve(a.architecture()).toArray(), loaded.meanCurve(a.architecture()).toArray(), 0.0);
        }
        assertTrue(loaded.regressor() instanceof GinRegressor);
    }

    @Test
    void queriedWithoutNd4jOnTheClassPath() throws Exception {
        Path file = dir.resolve("gin.cbs");
        SurrogateFiles.installed().save(fitted, file);
        ArchitectureRuns a = held.get(2);
        assertEquals(java.util.Arrays.toString(fitted.meanCurve(a.architecture()).toArray()), queryWithoutNd4j(file, a));
    }

    @Test
    void observedEpochsAreGraphLevelInputs() throws Exception {
        GinRegressor linear = (GinRegressor) fit(new GinSettings(2, 16, 5, 0.01, 16, 0, 5), 1, 3).regressor();
        assertEquals(5, linear.network().graphInputs(), "three values and two changes");
        GinSettings auto = new GinSettings(GinSettings.AUTO_LAYERS, 16, 2, 0.01, 16, 0, 2);
        assertEquals(1, ((GinRegressor) fit(auto, 1, 3).regressor()).network().layerCount(),
                "one layer by default with observed epochs");
        assertEquals(1, ((GinRegressor) fit(auto, 1, 0).regressor()).network().layerCount(),
                "and from the cell alone");
        assertEquals("auto", GinSettings.defaults().asMap().get("layers"));
        CurveSurrogate s = fit(new GinSettings(2, 16, 5, 0.01, 16, 0, 5, 4, false), 1, 3);
        GinRegressor r = (GinRegressor) s.regressor();
        assertEquals(5, r.observedInputs().knots().length);
        assertEquals(r.observedInputs().mean().length, r.network().graphInputs());
        assertTrue(r.network().graphInputs() > 5, "and their hinges at the training quantiles");
        ArchitectureRuns a = held.get(1);
        double[] one = new double[r.outputDimension()];
        double[] two = new double[r.outputDimension()];
        r.predict(s.input(a.architecture(), new double[] {0.30, 0.40, 0.50}), one);
        r.predict(s.input(a.architecture(), new double[] {0.10, 0.30, 0.50}), two);
        double gap = 0;
        for (int o = 0; o < one.length; o++) {
            gap = Math.max(gap, Math.abs(one[o] - two[o]));
        }
        assertTrue(gap > 1e-6, "the components depend on the observed epochs before the last, gap " + gap);
        double skip = 0;
        for (double[] row : r.network().inputWeights()) {
            for (double w : row) {
                skip = Math.max(skip, Math.abs(w));
            }
        }
        assertTrue(skip > 0, "a linear skip from the observed epochs was fitted");
        Path file = dir.resolve("gin-observed.cbs");
        SurrogateFiles.installed().save(s, file);
        GinRegressor loaded = (GinRegressor) SurrogateFiles.installed().load(file).regressor();
        double[] again = new double[r.outputDimension()];
        loaded.predict(s.input(a.architecture(), new double[] {0.30, 0.40, 0.50}), again);
        assertArrayEquals(one, again, 0.0);
    }

    /** The skip's ridge regression: exact on centred linear data as the penalty vanishes, shrunk towards 0 by it. */
    @Test
    void skipRidgeRecoversALinearMapAndShrinksWithItsPenalty() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        double[][] truth = {{1.5, -0.5}, {0, 2}, {-1, 0.25}};
        int n = 200;
        double[][] x = new double[n][3];
        double[][] y = new double[n][2];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < 3; i++) {
                x[r][i] = random.nextGaussian();
            }
        }
        for (int i = 0; i < 3; i++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[i] / n;
            }
            for (double[] row : x) {
                row[i] -= mean;
            }
        }
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < 2; o++) {
                for (int i = 0; i < 3; i++) {
                    y[r][o] += x[r][i] * truth[i][o];
                }
            }
        }
        double[][] exact = GinTrainer.ridge(x, y, 3, 2, 1e-9);
        double[][] shrunk = GinTrainer.ridge(x, y, 3, 2, 1e3);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(truth[i], exact[i], 1e-8);
            for (int o = 0; o < 2; o++) {
                if (truth[i][o] != 0) {
                    assertTrue(Math.abs(shrunk[i][o]) < Math.abs(truth[i][o]) * 0.5, "shrunk " + shrunk[i][o]);
                }
            }
        }
    }

    @Test
    void optionsAreCheckedByName() {
        RegressorProvider gin = RegressorProvider.installed().get("gin");
        GinTrainer t = (GinTrainer) gin.trainer(LearnerOptions.of(java.util.Map.of("gin-layers", "3", "gin-dropout", "0")));
        assertEquals(3, t.settings().layers());
        assertEquals(0, t.settings().dropout());
        assertEquals(GinSettings.DEFAULT_SKIP_KNOTS, t.settings().skipKnots());
        GinTrainer linear = (GinTrainer) gin.trainer(LearnerOptions.of(java.util.Map.of("gin-skip-knots", "0")));
        assertEquals(0, linear.settings().skipKnots());
        assertEquals("gin-skip-knots", assertThrows(LearnerOptions.LearnerOptionException.class,
                () -> gin.trainer(LearnerOptions.of(java.util.Map.of("gin-skip-knots", "-1")))).option());
        LearnerOptions.LearnerOptionException e = assertThrows(LearnerOptions.LearnerOptionException.class,
                () -> gin.trainer(LearnerOptions.of(java.util.Map.of("gin-dropout", "1.5"))));
        assertEquals("gin-dropout", e.option());
        assertThrows(LearnerOptions.LearnerOptionException.class,
                () -> gin.trainer(LearnerOptions.of(java.util.Map.of("depth", "3"))));
        assertEquals(false, t.settings().refit(), "no refit by default");
        assertTrue(((GinTrainer) gin.trainer(LearnerOptions.of(java.util.Map.of("gin-refit", "true")))).settings().refit());
        LearnerOptions.LearnerOptionException yes = assertThrows(LearnerOptions.LearnerOptionException.class,
                () -> gin.trainer(LearnerOptions.of(java.util.Map.of("gin-refit", "yes"))));
        assertEquals("gin-refit", yes.option());
        assertTrue(yes.getMessage().contains("true or false"), yes.getMessage());
    }

    /**
     * A refit repeats the first fit (same seed, same chosen epoch), then trains again on the validation architectures
     * too: another network, deterministically.
     */
    @Test
    void refitTrainsAgainOnEveryArchitectureForTheChosenEpochs() {
        GinSettings plain = new GinSettings(2, 16, 6, 0.01, 16, 0, 6);
        GinSettings refit = new GinSettings(2, 16, 6, 0.01, 16, 0, 6, GinSettings.DEFAULT_SKIP_KNOTS, true);
        GinRegressor once = (GinRegressor) fit(plain, 1, 0).regressor();
        CurveSurrogate refitted = fit(refit, 1, 0);
        GinRegressor again = (GinRegressor) refitted.regressor();
        assertEquals(once.provenance().get("best_epoch"), again.provenance().get("best_epoch"));
        assertEquals(once.provenance().get("validation_mse"), again.provenance().get("validation_mse"));
        assertEquals(true, refitted.manifest().regressor().hyperparameters().get("refit"));
        ArchitectureRuns a = held.get(3);
        double[] first = new double[once.outputDimension()];
        double[] second = new double[once.outputDimension()];
        once.predict(refitted.input(a.architecture()), first);
        again.predict(refitted.input(a.architecture()), second);
        double gap = 0;
        for (int o = 0; o < first.length; o++) {
            gap = Math.max(gap, Math.abs(first[o] - second[o]));
        }
        assertTrue(gap > 1e-9, "the refit trained another network");
        assertArrayEquals(refitted.meanCurve(a.architecture()).toArray(),
                fit(refit, 1, 0).meanCurve(a.architecture()).toArray(), 0.0);
    }
}
