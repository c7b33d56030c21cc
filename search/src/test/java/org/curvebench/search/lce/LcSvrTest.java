package org.curvebench.search.lce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.Benchmark;
import org.curvebench.search.SearchContext;
import org.junit.jupiter.api.Test;

class LcSvrTest {

    @Test
    void svrFitsASmoothFunction() {
        int n = 60;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 6.0 * i / (n - 1);
            y[i] = Math.sin(x[i][0]);
        }
        EpsilonSvr svr = EpsilonSvr.fit(x, y, 10, 0.01, 1.0);
        for (double t = 0.25; t < 5.9; t += 0.5) {
            assertEquals(Math.sin(t), svr.predict(new double[] {t}), 0.05, "at " + t);
        }
    }

    @Test
    void learnsFromTheTrialsFullCurvesToRankPartialOnes() {
        Benchmark bench = new org.curvebench.search.BitsBenchmarkAccess().benchmark();
        SearchContext context = new SearchContext(bench, new SplittableRandom(1), 1);
        LcePredictor predictor = new LcSvr().newPredictor(context);
        SplittableRandom random = new SplittableRandom(2);
        Architecture a = bench.sample(random);
        // slow learners end higher, so the partial value misleads and the curve's slope tells
        for (int i = 0; i < 60; i++) {
            double tau = 2 + 14 * random.nextDouble();
            predictor.learn(a, LearningCurve.of(curve(tau, random)));
        }
        int m = 20;
        double[] truth = new double[m];
        double[] last = new double[m];
        double[] predicted = new double[m];
        for (int i = 0; i < m; i++) {
            double tau = 2 + 14 * random.nextDouble();
            double[] y = curve(tau, random);
            truth[i] = y[99];
            last[i] = y[19];
            predicted[i] = predictor.predict(a, LearningCurve.of(java.util.Arrays.copyOf(y, 20)), 100);
        }
        double svrTau = WeightedParametricModelsTest.kendall(predicted, truth);
        double lastTau = WeightedParametricModelsTest.kendall(last, truth);
        assertTrue(svrTau > 0.6 && svrTau > lastTau + 0.3, "svr " + svrTau + ", last observed value " + lastTau);
    }

    private static double[] curve(double tau, SplittableRandom random) {
        double end = 70 + 1.5 * tau;
        double[] y = new double[100];
        for (int e = 0; e < 100; e++) {
            y[e] = end * (1 - Math.exp(-(e + 1) / tau)) + 0.2 * random.nextGaussian();
        }
        return y;
    }

    @Test
    void predictsTheLastValueUntilItHasEnoughFullCurves() {
        Benchmark bench = new org.curvebench.search.BitsBenchmarkAccess().benchmark();
        LcePredictor predictor = new LcSvr().newPredictor(new SearchContext(bench, new SplittableRandom(1), 1));
        assertEquals(3.0, predictor.predict(bench.sample(new SplittableRandom(1)), LearningCurve.of(1, 2, 3), 10));
    }
}
