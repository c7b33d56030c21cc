package org.curvebench.surrogate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void r2ByHand() {
        // mean 2, SStot = 2, SSres = 0.25 + 0 + 0.25
        assertEquals(0.75, Statistics.r2(new double[]{1, 2, 3}, new double[]{1.5, 2, 2.5}), 1e-12);
        assertEquals(1.0, Statistics.r2(new double[]{1, 2, 3}, new double[]{1, 2, 3}), 1e-12);
        assertEquals(0.0, Statistics.r2(new double[]{1, 2, 3}, new double[]{2, 1, 3}), 1e-12); // SSres = 2 = SStot
        assertEquals(1.0, Statistics.r2(new double[]{4, 4}, new double[]{4, 4}));
        assertEquals(0.0, Statistics.r2(new double[]{4, 4}, new double[]{4, 5}));
    }

    @Test
    void kendallTauBByHand() {
        assertEquals(1.0, Statistics.kendallTauB(new double[]{1, 2, 3, 4}, new double[]{10, 20, 30, 40}), 1e-12);
        assertEquals(-1.0, Statistics.kendallTauB(new double[]{1, 2, 3, 4}, new double[]{4, 3, 2, 1}), 1e-12);
        // pairs: (1,2) C, (1,3) C, (2,3) D -> (2 - 1) / 3
        assertEquals(1.0 / 3, Statistics.kendallTauB(new double[]{1, 2, 3}, new double[]{1, 3, 2}), 1e-12);
        // x = 1,1,2 ; y = 1,2,3: pairs (1,2) tied in x, (1,3) C, (2,3) C: 2 / sqrt(2 * 3)
        assertEquals(2 / Math.sqrt(6), Statistics.kendallTauB(new double[]{1, 1, 2}, new double[]{1, 2, 3}), 1e-12);
        assertTrue(Double.isNaN(Statistics.kendallTauB(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
    }

    @Test
    void kendallTauBMatchesTheQuadraticDefinitionWithTies() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + r.nextInt(60);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(6);
                y[i] = r.nextInt(6);
            }
            double expected = quadratic(x, y);
            double actual = Statistics.kendallTauB(x, y);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(actual));
            } else {
                assertEquals(expected, actual, 1e-12);
            }
        }
    }

    private static double quadratic(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long tiesX = 0;
        long tiesY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double dx = Math.signum(x[i] - x[j]);
                double dy = Math.signum(y[i] - y[j]);
                if (dx == 0 && dy == 0) {
                    continue;
                }
                if (dx == 0) {
                    tiesX++;
                } else if (dy == 0) {
                    tiesY++;
                } else if (dx == dy) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double d = Math.sqrt((double) (concordant + discordant + tiesX) * (concordant + discordant + tiesY));
        return d == 0 ? Double.NaN : (concordant - discordant) / d;
    }

    @Test
    void gaussianKlByHand() {
        assertEquals(0, Statistics.gaussianKl(1, 2, 1, 2), 1e-12);
        // KL(N(0,1) || N(1,4)) = log 2 + (1 + 1) / 8 - 1/2
        assertEquals(Math.log(2) + 0.25 - 0.5, Statistics.gaussianKl(0, 1, 1, 4), 1e-12);
        assertEquals(Double.NaN, Statistics.finiteMean(new double[]{Double.NaN}));
        assertEquals(2, Statistics.finiteMean(new double[]{1, Double.NaN, 3}));
    }
}
