package org.curvebench.search.lce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.curvebench.core.LearningCurve;
import org.junit.jupiter.api.Test;

class WeightedParametricModelsTest {

    /** A saturating curve that ends at {@code end}, reaching it slowly when {@code tau} is large. */
    private static double[] curve(double end, double tau, int epochs, double noise, SplittableRandom random) {
        double[] y = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            y[e] = end * (1 - Math.exp(-(e + 1) / tau)) + noise * random.nextGaussian();
        }
        return y;
    }

    @Test
    void extrapolatesASaturatingCurveFromItsFirstFifth() {
        double[] y = curve(90, 6, 100, 0, new SplittableRandom(1));
        LearningCurve partial = LearningCurve.of(java.util.Arrays.copyOf(y, 20));
        double predicted = WeightedParametricModels.predict(partial, 100, new SplittableRandom(2));
        assertEquals(y[99], predicted, 3.0, "the final value is about 90; the last observed is " + y[19]);
        assertTrue(Math.abs(predicted - y[99]) < Math.abs(y[19] - y[99]));
    }

    @Test
    void ranksSlowButStrongLearnersAboveTheirPartialValues() {
        // slow learners end higher: the value at epoch 20 ranks them wrongly, extrapolation should not
        SplittableRandom random = new SplittableRandom(5);
        int n = 20;
        double[] truth = new double[n];
        double[] last = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            double tau = 2 + 14.0 * i / n;
            double end = 70 + 20.0 * i / n + random.nextDouble() * 3;
            double[] y = curve(end, tau, 100, 0.3, random);
            truth[i] = end * (1 - Math.exp(-100 / tau));
            last[i] = y[19];
            predicted[i] = WeightedParametricModels.predict(LearningCurve.of(java.util.Arrays.copyOf(y, 20)), 100,
                    new SplittableRandom(i));
        }
        double lastTau = kendall(last, truth);
        double wpmTau = kendall(predicted, truth);
        assertTrue(wpmTau > lastTau + 0.3, "tau of wpm " + wpmTau + ", of the last observed value " + lastTau);
        assertTrue(wpmTau > 0.5, "tau of wpm " + wpmTau);
    }

    @Test
    void sameRandomStateSamePrediction() {
        double[] y = curve(80, 5, 40, 0.5, new SplittableRandom(9));
        LearningCurve partial = LearningCurve.of(java.util.Arrays.copyOf(y, 8));
        assertEquals(WeightedParametricModels.predict(partial, 40, new SplittableRandom(4)),
                WeightedParametricModels.predict(partial, 40, new SplittableRandom(4)));
    }

    static double kendall(double[] a, double[] b) {
        int concordant = 0;
        int discordant = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double s = Math.signum(a[i] - a[j]) * Math.signum(b[i] - b[j]);
                if (s > 0) {
                    concordant++;
                } else if (s < 0) {
                    discordant++;
                }
            }
        }
        return (concordant - discordant) / (double) (concordant + discordant);
    }
}
