package org.curvebench.datasets.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.Metrics;
import org.curvebench.encoding.darts.DartsArchitecture;
import org.curvebench.encoding.darts.DartsCell;
import org.junit.jupiter.api.Test;

class SimulatedDartsBenchmarkTest {

    @Test
    void isDeterministicForASeed() {
        String a = SimulatedDartsBenchmark.generate(30, 2, 20, 3).dataset().digest();
        assertEquals(a, SimulatedDartsBenchmark.generate(30, 2, 20, 3).dataset().digest());
        assertNotEquals(a, SimulatedDartsBenchmark.generate(30, 2, 20, 4).dataset().digest());
    }

    @Test
    void holdsDistinctCellPairsWithNinetyEightEpochsAndFourSeeds() {
        SimulatedBenchmark bench = SimulatedDartsBenchmark.generate(120, 4, SimulatedDartsBenchmark.DEFAULT_EPOCHS, 1);
        CurveDataset data = bench.dataset();
        assertEquals("darts", data.space().name());
        assertEquals(120, data.size());
        assertEquals(480, data.runCount());
        assertEquals(98, data.epochs(Metrics.VAL_ACC));
        Set<String> keys = new HashSet<>();
        for (ArchitectureRuns a : data.architectures()) {
            assertTrue(keys.add(a.key()));
            double[] mean = bench.trueMean(a.key());
            assertTrue(mean[97] > mean[0] + 20, "the mean curve should rise: " + mean[0] + " -> " + mean[97]);
            assertTrue(mean[97] > 78 && mean[97] < 98, "CIFAR-10-like final accuracy, got " + mean[97]);
            assertTrue(a.runs().get(0).epochSeconds().isPresent());
        }
    }

    /** The mean final accuracy of the cell pairs whose normal cell has at least {@code min} and at most {@code max} of {@code ops}. */
    private static double meanFinal(SimulatedBenchmark bench, int min, int max, String... ops) {
        double sum = 0;
        int n = 0;
        for (ArchitectureRuns a : bench.dataset().architectures()) {
            DartsCell normal = ((DartsArchitecture) a.architecture()).normal();
            int count = 0;
            for (String op : ops) {
                count += normal.count(DartsCell.OPS.indexOf(op));
            }
            if (count >= min && count <= max) {
                double[] mean = bench.trueMean(a.key());
                sum += mean[mean.length - 1];
                n++;
            }
        }
        assertTrue(n >= 10, "too few cells in the group: " + n);
        return sum / n;
    }

    @Test
    void convolutionsHelpAndManySkipsHurt() {
        SimulatedBenchmark bench = SimulatedDartsBenchmark.generate(1500, 1, 20, 2);
        double manyConvs = meanFinal(bench, 6, 8, "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5");
        double fewConvs = meanFinal(bench, 0, 2, "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5");
        assertTrue(manyConvs > fewConvs + 1.5, manyConvs + " vs " + fewConvs);
        double manySkips = meanFinal(bench, 4, 8, "skip_connect");
        double fewSkips = meanFinal(bench, 0, 1, "skip_connect");
        assertTrue(fewSkips > manySkips + 1, fewSkips + " vs " + manySkips);
    }

    @Test
    void runsScatterAroundTheTrueMeanByTheTrueSigma() {
        SimulatedBenchmark bench = SimulatedDartsBenchmark.generate(200, 4, 98, 5);
        double ratio = 0;
        int n = 0;
        for (ArchitectureRuns a : bench.dataset().architectures()) {
            double[] mean = bench.trueMean(a.key());
            double[] sigma = bench.trueSigma(a.key());
            for (double[] run : a.curves(Metrics.VAL_ACC)) {
                for (int e = 60; e < 98; e++) {
                    double z = (run[e] - mean[e]) / sigma[e];
                    if (Math.abs(z) < 6) {
                        ratio += z * z;
                        n++;
                    }
                }
            }
        }
        double rms = Math.sqrt(ratio / n);
        assertTrue(rms > 0.85 && rms < 1.15, "standardised residuals should have unit spread, got " + rms);
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> SimulatedDartsBenchmark.generate(0, 1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> SimulatedDartsBenchmark.generate(10, 1, 1, 0));
    }
}
