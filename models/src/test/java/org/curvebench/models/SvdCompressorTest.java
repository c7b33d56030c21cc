package org.curvebench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SvdCompressorTest {

    /** Curves that are exact mixtures of three shapes, so three components reconstruct them exactly. */
    private static double[][] rankThree(int n, int epochs, long seed) {
        Random r = new Random(seed);
        double[][] y = new double[n][epochs];
        for (int i = 0; i < n; i++) {
            double a = 50 + 40 * r.nextDouble();
            double b = 10 * r.nextDouble();
            double c = r.nextGaussian();
            for (int e = 0; e < epochs; e++) {
                y[i][e] = a * (1 - Math.exp(-e / 10.0)) + b * Math.exp(-e / 3.0) + c * Math.sin(e / 5.0);
            }
        }
        return y;
    }

    @Test
    void roundTripIsExactWhenTheRankFits() {
        double[][] y = rankThree(40, 30, 1);
        for (boolean centre : new boolean[]{false, true}) {
            SvdCompressor.Fit fit = new SvdCompressor(5, centre).fit(y);
            assertEquals(3, fit.basis().components(), "components the data does not span are dropped");
            double[] out = new double[30];
            for (int i = 0; i < y.length; i++) {
                fit.basis().decode(fit.labels()[i], out);
                assertArrayEquals(y[i], out, 1e-8, "centre=" + centre);
                assertArrayEquals(fit.labels()[i], fit.basis().encode(y[i]), 1e-8);
            }
        }
    }

    @Test
    void labelsAreStandardisedLeftSingularVectors() {
        SvdCompressor.Fit fit = new SvdCompressor(3, false).fit(rankThree(50, 20, 2));
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double sq = 0;
            for (double[] l : fit.labels()) {
                mean += l[j] / 50;
                sq += l[j] * l[j] / 50;
            }
            assertEquals(0, mean, 1e-9);
            assertEquals(1, sq, 1e-9);
        }
        double[] s = fit.basis().singularValues();
        assertTrue(s[0] >= s[1] && s[1] >= s[2], "singular values in decreasing order");
        assertFalse(fit.basis().centred());
    }

    @Test
    void truncationKeepsTheLargestComponents() {
        double[][] y = rankThree(60, 40, 3);
        double[] out = new double[40];
        double errorOne = 0;
        double errorTwo = 0;
        SvdCompressor.Fit one = new SvdCompressor(1, true).fit(y);
        SvdCompressor.Fit two = new SvdCompressor(2, true).fit(y);
        for (int i = 0; i < y.length; i++) {
            one.basis().decode(one.labels()[i], out);
            for (int e = 0; e < 40; e++) {
                errorOne += Math.pow(out[e] - y[i][e], 2);
            }
            two.basis().decode(two.labels()[i], out);
            for (int e = 0; e < 40; e++) {
                errorTwo += Math.pow(out[e] - y[i][e], 2);
            }
        }
        assertTrue(errorTwo < errorOne, errorTwo + " vs " + errorOne);
    }

    @Test
    void componentsAreClampedToWhatTheDataAllows() {
        assertEquals(3, new SvdCompressor(5, false).usableComponents(100, 3));
        assertEquals(3, new SvdCompressor(5, true).usableComponents(4, 50));
        assertEquals(2, new SvdCompressor(5, true).fit(rankThree(3, 10, 4)).basis().components());
        assertThrows(IllegalArgumentException.class, () -> new SvdCompressor(0, true));
        assertThrows(IllegalArgumentException.class, () -> new SvdCompressor(2, true).fit(new double[][]{{1, 2}}));
    }

    @Test
    void isDeterministic() {
        double[][] y = rankThree(30, 25, 5);
        assertArrayEquals(new SvdCompressor(5, true).fit(y).basis().basis()[0],
                new SvdCompressor(5, true).fit(y).basis().basis()[0]);
    }
}
