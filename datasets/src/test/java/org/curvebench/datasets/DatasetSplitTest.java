package org.curvebench.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.junit.jupiter.api.Test;

class DatasetSplitTest {

    private final CurveDataset data = SimulatedNb201Benchmark.generate(100, 2, 5, 1).dataset();

    @Test
    void splitsByArchitectureWithoutOverlap() {
        DatasetSplit s = DatasetSplit.of(data, 0.8, 0.1, 7);
        assertEquals(80, s.train().size());
        assertEquals(10, s.validation().size());
        assertEquals(10, s.test().size());
        Set<String> keys = new HashSet<>();
        for (CurveDataset part : List.of(s.train(), s.validation(), s.test())) {
            part.architectures().forEach(a -> assertTrue(keys.add(a.key()), "architecture in two parts: " + a.key()));
            part.architectures().forEach(a -> assertEquals(2, a.seeds()));
        }
        assertEquals(100, keys.size());
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        assertEquals(DatasetSplit.of(data, 0.8, 0.1, 7).test().digest(), DatasetSplit.of(data, 0.8, 0.1, 7).test().digest());
        assertTrue(!DatasetSplit.of(data, 0.8, 0.1, 7).test().digest().equals(DatasetSplit.of(data, 0.8, 0.1, 8).test().digest()));
    }

    @Test
    void aShiftSplitTestsOnTheHighestFirstEpochs() {
        DatasetSplit s = DatasetSplit.byFirstEpoch(data, "val_acc", 0.1);
        assertEquals(90, s.train().size());
        assertEquals(10, s.test().size());
        assertEquals(0, s.validation().size());
        double highestTrain = s.train().architectures().stream()
                .mapToDouble(a -> a.meanCurve("val_acc").get(0)).max().orElseThrow();
        double lowestTest = s.test().architectures().stream()
                .mapToDouble(a -> a.meanCurve("val_acc").get(0)).min().orElseThrow();
        assertTrue(highestTrain <= lowestTest, highestTrain + " > " + lowestTest);
        assertEquals(s.test().digest(), DatasetSplit.byFirstEpoch(data, "val_acc", 0.1).test().digest());
        DatasetSplit byLoss = DatasetSplit.byFirstEpoch(data, "val_loss", 0.1);
        assertTrue(!byLoss.test().digest().equals(s.test().digest()), "each metric orders its own split");
        assertThrows(IllegalArgumentException.class, () -> DatasetSplit.byFirstEpoch(data, "val_acc", 1));
    }

    @Test
    void rejectsImpossibleFractions() {
        assertThrows(IllegalArgumentException.class, () -> DatasetSplit.of(data, 0.9, 0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> DatasetSplit.of(data, 0, 0.2, 0));
    }

    @Test
    void trainSizeRoundsAndMayBeZeroOrAll() {
        assertEquals(24, DatasetSplit.trainSize(30, 0.8));
        assertEquals(30, DatasetSplit.trainSize(30, 0.99));
        assertEquals(29, DatasetSplit.trainSize(30, 1 - 1.0 / 30));
        assertEquals(0, DatasetSplit.trainSize(30, 0.01));
        assertEquals(1, DatasetSplit.trainSize(30, 1.0 / 30));
    }
}
