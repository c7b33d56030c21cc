package org.curvebench.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricCorrelationTest {

    /** Runs of two metrics whose noise correlates at {@code rho} at each epoch, 3 seeds of 200 architectures. */
    private static List<List<double[][]>> runs(double rho, SplittableRandom random) {
        List<double[][]> a = new ArrayList<>();
        List<double[][]> b = new ArrayList<>();
        for (int arch = 0; arch < 200; arch++) {
            double[][] ra = new double[3][30];
            double[][] rb = new double[3][30];
            for (int s = 0; s < 3; s++) {
                for (int e = 0; e < 30; e++) {
                    double z = Gaussian.next(random);
                    double w = Gaussian.next(random);
                    ra[s][e] = arch + e + 2 * z;
                    rb[s][e] = -arch + 0.1 * (rho * z + Math.sqrt(1 - rho * rho) * w);
                }
            }
            a.add(ra);
            b.add(rb);
        }
        return List.of(a, b);
    }

    @Test
    void measuresTheCorrelationOfResiduals() {
        MetricCorrelation c = MetricCorrelation.measure(runs(0.6, new SplittableRandom(1)));
        assertEquals(0.6, c.correlation()[0][1], 0.05);
        assertEquals(1, c.correlation()[1][1]);
        assertEquals(0, MetricCorrelation.measure(runs(0, new SplittableRandom(2))).correlation()[0][1], 0.05);
    }

    @Test
    void innovationsAreCorrelatedSoThatAutocorrelatedNoiseCorrelatesAsMeasured() {
        double[][] measured = {{1, 0.7}, {0.7, 1}};
        double[] rho = {0.6, 0.3};
        MetricCorrelation c = new MetricCorrelation(measured, null).forAutocorrelations(rho);
        assertArrayEquals(measured[0], c.correlation()[0]);
        SplittableRandom random = new SplittableRandom(3);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int run = 0; run < 400; run++) {
            double[] first = new double[60];
            for (int e = 0; e < first.length; e++) {
                first[e] = Gaussian.next(random);
            }
            double[][] g = c.correlate(first, random);
            assertArrayEquals(first, g[0], "the first metric's own draws pass through");
            double x = 0;
            double y = 0;
            for (int e = 0; e < first.length; e++) {
                x = e == 0 ? g[0][e] : rho[0] * x + Math.sqrt(1 - rho[0] * rho[0]) * g[0][e];
                y = e == 0 ? g[1][e] : rho[1] * y + Math.sqrt(1 - rho[1] * rho[1]) * g[1][e];
                if (e >= 20) {
                    sxy += x * y;
                    sxx += x * x;
                    syy += y * y;
                }
            }
        }
        assertEquals(0.7, sxy / Math.sqrt(sxx * syy), 0.05, "the AR(1) noise correlates as measured");
        double factor = Math.sqrt((1 - 0.36) * (1 - 0.09)) / (1 - 0.18);
        assertEquals(0.7, c.innovations()[0][1] * factor, 1e-9, "innovations correlate above the target");
    }
}
