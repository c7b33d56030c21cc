package org.curvebench.datasets.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.Metrics;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Space;
import org.curvebench.encoding.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class SimulatedBenchmarksTest {

    @Test
    void nb201IsDeterministic() {
        String a = SimulatedNb201Benchmark.generate(40, 3, 30, 11).dataset().digest();
        assertEquals(a, SimulatedNb201Benchmark.generate(40, 3, 30, 11).dataset().digest());
        assertNotEquals(a, SimulatedNb201Benchmark.generate(40, 3, 30, 12).dataset().digest());
    }

    @Test
    void nb101IsDeterministic() {
        String a = SimulatedNb101Benchmark.generate(50, 3, 36, 5).dataset().digest();
        assertEquals(a, SimulatedNb101Benchmark.generate(50, 3, 36, 5).dataset().digest());
        assertNotEquals(a, SimulatedNb101Benchmark.generate(50, 3, 36, 6).dataset().digest());
    }

    @Test
    void nb101HoldsDistinctValidCellsWithKnownTruth() {
        SimulatedBenchmark bench = SimulatedNb101Benchmark.generate(200, 2, 20, 1);
        CurveDataset data = bench.dataset();
        assertEquals("nb101", data.space().name());
        assertEquals(200, data.size());
        assertEquals(400, data.runCount());
        assertEquals(20, data.epochs(Metrics.VAL_ACC));
        Set<String> keys = new HashSet<>();
        double lowest = 100;
        double highest = 0;
        for (ArchitectureRuns a : data.architectures()) {
            Nb101Cell cell = (Nb101Cell) a.architecture();
            assertTrue(cell.vertices() <= 7 && cell.edges() <= 9);
            assertTrue(keys.add(a.key()), "duplicate cell " + a.key());
            double[] mean = bench.trueMean(a.key());
            assertEquals(20, mean.length);
            assertEquals(20, bench.trueSigma(a.key()).length);
            assertTrue(mean[19] > mean[0], "the mean curve of " + a.key() + " should rise");
            lowest = Math.min(lowest, mean[19]);
            highest = Math.max(highest, mean[19]);
            assertTrue(a.runs().get(0).epochSeconds().isPresent());
        }
        assertTrue(highest - lowest > 5, "cells should differ: final means span " + lowest + ".." + highest);
    }

    @Test
    void cellsAreDrawnWithTheSpacesSampler() {
        assertEquals(sampledKeys(new Nb201Space(), 60, 4), keys(SimulatedNb201Benchmark.generate(60, 1, 5, 4)));
        assertEquals(sampledKeys(new Nb101Space(), 60, 4), keys(SimulatedNb101Benchmark.generate(60, 1, 5, 4)));
    }

    /** The first {@code n} distinct cells the space samples from the seed, one generator split off per new cell. */
    private static Set<String> sampledKeys(SearchSpace space, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> keys = new HashSet<>();
        while (keys.size() < n) {
            if (keys.add(space.sample(random).canonicalKey())) {
                random.split();
            }
        }
        return keys;
    }

    private static Set<String> keys(SimulatedBenchmark bench) {
        Set<String> keys = new HashSet<>();
        bench.dataset().architectures().forEach(a -> keys.add(a.key()));
        return keys;
    }

    @Test
    void nb101RejectsImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> SimulatedNb101Benchmark.generate(0, 1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> SimulatedNb101Benchmark.generate(10, 1, 1, 1));
    }
}
