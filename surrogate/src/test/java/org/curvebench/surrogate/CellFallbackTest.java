package org.curvebench.surrogate;

import static org.curvebench.surrogate.SurrogateTestData.SPLIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.curvebench.core.ModelInput;
import org.curvebench.core.Progress;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellFallbackTest {

    private static final SurrogateFiles FILES = SurrogateFiles.installed();
    private static CurveSurrogate surrogate;
    private static CurveSurrogate trusting;
    private static CurveSurrogate older;

    @BeforeAll
    static void fit(@TempDir Path dir) throws IOException {
        CurveDataset small = SPLIT.train().subset(SPLIT.train().architectures().subList(0, 300));
        surrogate = new SurrogateTrainer(SurrogateConfig.defaults("val_acc").withObservedEpochs(3), Progress.NONE,
                w -> { }).fit(small);
        Path p = dir.resolve("o.cbs");
        FILES.save(surrogate, p);
        ObjectNode root = read(p);
        ObjectNode cell = (ObjectNode) root.get("cellModel");
        cell.remove("robustShare");
        write(root, p);
        older = FILES.load(p);
        root.remove("cellModel");
        write(root, p);
        trusting = FILES.load(p);
    }

    private static ArchitectureRuns cell() {
        return SPLIT.test().architectures().get(0);
    }

    private static double[] head(ArchitectureRuns a) {
        return a.meanCurve("val_acc").head(3).toArray();
    }

    @Test
    void observedValuesInsideTheTrainingRangeAreTrusted() {
        ArchitectureRuns a = cell();
        CellFallback f = surrogate.fallback().orElseThrow();
        double[] seen = head(a);
        double[] x = surrogate.input(a.architecture(), seen).features();
        assertEquals(0, f.levelsOutside(x, 0, x.length), "a test cell of the same distribution starts in range");
        assertEquals(trusting.meanCurve(a.architecture(), seen), surrogate.meanCurve(a.architecture(), seen));
    }

    @Test
    void valuesJustOutsideTheRangeLeanOnTheCellModelScaledToTheLastObservedValue() {
        ArchitectureRuns a = cell();
        CellFallback f = surrogate.fallback().orElseThrow();
        double[] low = f.low();
        double[] high = f.high();
        double[] seen = head(a);
        double shift = 0;
        for (int i = 0; i < 3; i++) {
            shift = Math.max(shift, high[2 + i] - seen[i] + 0.05 * (high[2 + i] - low[2 + i]));
        }
        double[] above = {seen[0] + shift, seen[1] + shift, seen[2] + shift};
        double[] x = surrogate.input(a.architecture(), above).features();
        assertTrue(f.levelsOutside(x, 0, x.length) > 0, "above every training start");
        assertTrue(f.outside(x, 0, x.length) < f.trustedRanges(), "but not so far that the cell model takes a share");

        double[] model = trusting.meanCurve(a.architecture(), above).toArray();
        double[] predicted = surrogate.meanCurve(a.architecture(), above).toArray();
        double[] cell = new double[surrogate.epochs()];
        f.curve(ModelInput.ofFeatures(Arrays.copyOf(x, x.length - f.observedFeatures())), cell);
        double share = f.robustShare();
        for (int e = 0; e < predicted.length; e++) {
            double robust = e < 3 ? above[e] : cell[e] * above[2] / cell[2];
            assertEquals((1 - share) * model[e] + share * robust, predicted[e], 1e-9, "epoch " + e);
        }
        assertArrayEquals(model, older.meanCurve(a.architecture(), above).toArray(), 1e-12,
                "a file without a robust share trusts observations this close, as it did");
    }

    @Test
    void aDecayingStartFarAboveTheRangeDecaysIntoTheCellModel() {
        ArchitectureRuns a = cell();
        CellFallback f = surrogate.fallback().orElseThrow();
        double width = 0;
        for (int i = 2; i < 5; i++) {
            width = Math.max(width, f.high()[i] - f.low()[i]);
        }
        double top = f.high()[4];
        double[] spiked = {top + 40 * width, top + 20 * width, top + 10 * width};
        double[] x = surrogate.input(a.architecture(), spiked).features();
        double[] cell = new double[surrogate.epochs()];
        f.curve(ModelInput.ofFeatures(Arrays.copyOf(x, x.length - f.observedFeatures())), cell);
        double[] predicted = surrogate.meanCurve(a.architecture(), spiked).toArray();

        assertArrayEquals(spiked, Arrays.copyOf(predicted, 3), 1e-9, "the observed epochs are the observations");
        double gap = spiked[2] - cell[2];
        for (int e = 3; e < predicted.length; e++) {
            gap *= 0.5;
            assertEquals(cell[e] + gap, predicted[e], 1e-9, "the gap halves each epoch as the changes did: " + e);
        }
        assertEquals(cell[cell.length - 1], predicted[predicted.length - 1], 1e-6 * width, "the end is the cell's");
    }

    @Test
    void theDecayIsTheRatioOfTheLastTwoChangesWhileTheyShrink() {
        assertEquals(0.5, CellFallback.decay(new double[] {20, 12, 8}), 1e-12);
        assertEquals(0, CellFallback.decay(new double[] {20, 12}), "two epochs give one change");
        assertEquals(0, CellFallback.decay(new double[] {20, 12, 14}), "a rise after a fall is no decay");
        assertEquals(0, CellFallback.decay(new double[] {7, 7, 6}), "no change before");
        assertEquals(0.9, CellFallback.decay(new double[] {20, 19, 17}), 1e-12, "capped below 1: it must fade");
    }

    @Test
    void theRobustShareIsAFraction() {
        CellFallback f = surrogate.fallback().orElseThrow();
        assertNotNull(f.robustShare());
        assertThrows(IllegalArgumentException.class, () -> new CellFallback(f.basis(), f.regressor(), f.low(),
                f.high(), f.trustedRanges(), f.ignoredRanges(), 1.5));
    }

    private static ObjectNode read(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    private static void write(ObjectNode root, Path p) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            new ObjectMapper().writeValue(out, root);
        }
    }
}
