package org.curvebench.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResidualsTest {

    @Test
    void multiSeedResidualsAreDeviationsFromTheSeedMeanScaledToARunsSpread() {
        double[][] runs = {{1, 4}, {3, 4}};
        double[][] r = Residuals.of(runs, 9);
        double scale = Math.sqrt(2);
        assertArrayEquals(new double[]{-scale, 0}, r[0], 1e-12);
        assertArrayEquals(new double[]{scale, 0}, r[1], 1e-12);
    }

    @Test
    void singleSeedResidualsAreDeviationsFromAShiftedMovingAverage() {
        double[] x = {0, 3, 0, 3, 0};
        assertArrayEquals(new double[]{1, 1, 2, 1, 1}, Residuals.movingAverage(x, 3), 1e-12);
        double[][] r = Residuals.of(new double[][]{x}, 3);
        double scale = Math.sqrt(1.5);
        assertArrayEquals(new double[]{-scale, 2 * scale, -2 * scale, 2 * scale, -scale}, r[0], 1e-12);
    }

    @Test
    void windowSpreadIsTheScaledMedianAbsoluteResidualInAShrinkingWindow() {
        double[][] residuals = {{1, -2, 3, -4, 5}};
        double[] s = Residuals.windowSpread(residuals, 3);
        assertEquals(1.4826 * 1, s[0], 1e-12);
        assertEquals(1.4826 * 2, s[1], 1e-12);
        assertEquals(1.4826 * 3, s[2], 1e-12);
        assertEquals(1.4826 * 4, s[3], 1e-12);
        assertEquals(1.4826 * 5, s[4], 1e-12);
        double[] wide = Residuals.windowSpread(new double[][]{{1, -2, 3, -4, 5}, {0, 0, 0, 0, 0}}, 5);
        assertEquals(1.4826 * 0.5, wide[2], 1e-12); // five zeros and 1..5: median (0 + 1) / 2
    }

    @Test
    void spikesAreCountedOncePerEpoch() {
        double[][] runs = new double[4][30];
        java.util.Random r = new java.util.Random(2);
        for (double[] run : runs) {
            for (int e = 0; e < 30; e++) {
                run[e] = 50 + 0.5 * r.nextGaussian();
            }
        }
        assertEquals(0, Residuals.spikeCount(runs, 9, 4));
        runs[1][10] -= 15;
        runs[3][20] += 12;
        assertEquals(2, Residuals.spikeCount(runs, 9, 4), "two spikes, their echoes in the seed mean not counted");
    }
}
