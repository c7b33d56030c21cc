package org.curvebench.datasets.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.junit.jupiter.api.Test;

class SimulatedNb201BenchmarkTest {

    @Test
    void isDeterministicForASeed() {
        assertEquals(SimulatedNb201Benchmark.generate(50, 3, 20, 5).dataset().digest(),
                SimulatedNb201Benchmark.generate(50, 3, 20, 5).dataset().digest());
        assertNotEquals(SimulatedNb201Benchmark.generate(50, 3, 20, 5).dataset().digest(),
                SimulatedNb201Benchmark.generate(50, 3, 20, 6).dataset().digest());
    }

    @Test
    void runsScatterAroundTheTrueMeanWithTheTrueSpread() {
        SimulatedBenchmark sim = SimulatedNb201Benchmark.generate(300, 4, 60, 2);
        CurveDataset d = sim.dataset();
        assertEquals(300, d.size());
        assertEquals(1200, d.runCount());
        double sumSq = 0;
        double sumSigmaSq = 0;
        int n = 0;
        for (ArchitectureRuns a : d.architectures()) {
            double[] mean = sim.trueMean(a.key());
            double[] sigma = sim.trueSigma(a.key());
            for (double[] run : a.curves("val_acc")) {
                for (int e = 30; e < 60; e++) {
                    double r = run[e] - mean[e];
                    if (Math.abs(r) < 5 * sigma[e]) {
                        sumSq += r * r;
                        sumSigmaSq += sigma[e] * sigma[e];
                        n++;
                    }
                }
            }
        }
        double ratio = Math.sqrt(sumSq / sumSigmaSq);
        assertTrue(ratio > 0.9 && ratio < 1.1, "empirical/true spread " + ratio);
        assertTrue(n > 0.98 * 1200 * 30, "spikes should be rare");
    }

    @Test
    void curvesRiseAndBetterCellsEndHigher() {
        SimulatedBenchmark sim = SimulatedNb201Benchmark.generate(15625, 1, 30, 0);
        assertEquals(15625, sim.dataset().size(), "asking for every cell gives every cell");
        double[] allConv = sim.trueMean("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        double[] allPool = sim.trueMean("|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|");
        double[] disconnected = sim.trueMean("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|");
        assertTrue(allConv[29] > allConv[0] + 30);
        assertTrue(allConv[29] > allPool[29] + 10);
        assertTrue(disconnected[29] < 11, "a cell with no path to its output guesses: " + disconnected[29]);
    }
}
