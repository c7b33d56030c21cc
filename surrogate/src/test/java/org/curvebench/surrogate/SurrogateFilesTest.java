package org.curvebench.surrogate;

import static org.curvebench.surrogate.SurrogateTestData.SPLIT;
import static org.curvebench.surrogate.SurrogateTestData.SURROGATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.curvebench.encoding.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurrogateFilesTest {

    private final SurrogateFiles files = SurrogateFiles.installed();

    @TempDir
    Path dir;

    @Test
    void aSavedAndLoadedSurrogateAnswersIdentically() throws IOException {
        Path p = dir.resolve("s.cbs");
        files.save(SURROGATE, p);
        CurveSurrogate back = files.load(p);
        assertEquals(SURROGATE.manifest(), back.manifest());
        for (ArchitectureRuns a : SPLIT.test().architectures()) {
            assertEquals(SURROGATE.meanCurve(a.architecture()), back.meanCurve(a.architecture()));
            assertEquals(SURROGATE.noisyCurve(a.architecture(), 2), back.noisyCurve(a.architecture(), 2));
        }
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void theCellModelIsSavedAndFilesWithoutOneTrustEveryObservation() throws IOException {
        CurveDataset small = SPLIT.train().subset(SPLIT.train().architectures().subList(0, 300));
        CurveSurrogate observed = new SurrogateTrainer(SurrogateConfig.defaults("val_acc").withObservedEpochs(2),
                Progress.NONE, w -> { }).fit(small);
        CellFallback cell = observed.fallback().orElseThrow();
        Path p = dir.resolve("o.cbs");
        files.save(observed, p);
        CurveSurrogate back = files.load(p);
        ArchitectureRuns a = SPLIT.test().architectures().get(0);
        double[] seen = a.meanCurve("val_acc").head(2).toArray();
        double[] far = {seen[0] + 10 * (cell.high()[1] - cell.low()[1]), seen[1] + 10 * (cell.high()[2] - cell.low()[2])};
        assertEquals(observed.meanCurve(a.architecture(), seen), back.meanCurve(a.architecture(), seen));
        assertEquals(observed.meanCurve(a.architecture(), far), back.meanCurve(a.architecture(), far));

        double[] features = back.input(a.architecture(), far).features();
        double[] cellCurve = new double[back.epochs()];
        back.fallback().orElseThrow().curve(ModelInput.ofFeatures(Arrays.copyOf(features, features.length - 3)), cellCurve);
        System.arraycopy(far, 0, cellCurve, 0, 2);
        assertArrayEquals(cellCurve, back.meanCurve(a.architecture(), far).toArray(), 1e-9,
                "observations ten training ranges away: the cell model alone after them");

        ObjectNode root = read(p);
        root.remove("cellModel");
        write(root, p);
        CurveSurrogate old = files.load(p);
        assertTrue(old.fallback().isEmpty());
        assertEquals(back.meanCurve(a.architecture(), seen), old.meanCurve(a.architecture(), seen),
                "observations like the training runs' are trusted either way");
        assertNotEquals(back.meanCurve(a.architecture(), far), old.meanCurve(a.architecture(), far),
                "a file without a cell model trusts every observation, as it did");
    }

    @Test
    void unknownVersionsAreRefusedWithAnUpgradeHint() throws IOException {
        Path p = dir.resolve("s.cbs");
        files.save(SURROGATE, p);
        ObjectNode root = read(p);
        ((ObjectNode) root.get("manifest")).put("formatVersion", 99);
        write(root, p);
        IOException e = assertThrows(IOException.class, () -> files.load(p));
        assertTrue(e.getMessage().contains("version 99") && e.getMessage().contains("upgrade CurveBench"), e.getMessage());
    }

    @Test
    void aLearnerNoModuleRegistersIsNamed() throws IOException {
        Path p = dir.resolve("s.cbs");
        files.save(SURROGATE, p);
        ObjectNode root = read(p);
        ((ObjectNode) root.get("regressor")).put("type", "graph-net-from-a-missing-module");
        write(root, p);
        IOException e = assertThrows(IOException.class, () -> files.load(p));
        assertTrue(e.getMessage().contains("needs the learner 'graph-net-from-a-missing-module'")
                && e.getMessage().contains("class path"), e.getMessage());
    }

    @Test
    void damagedFilesAreReportedAsSuch() throws IOException {
        Path p = dir.resolve("s.cbs");
        files.save(SURROGATE, p);
        byte[] bytes = Files.readAllBytes(p);
        Path truncated = dir.resolve("truncated.cbs");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertDamaged(truncated);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x5a;
        Path corrupt = dir.resolve("corrupt.cbs");
        Files.write(corrupt, flipped);
        assertDamaged(corrupt);
        ObjectNode root = read(p);
        root.remove("regressor");
        Path missing = dir.resolve("missing.cbs");
        write(root, missing);
        assertDamaged(missing);
    }

    private void assertDamaged(Path p) {
        IOException e = assertThrows(IOException.class, () -> files.load(p));
        assertTrue(e.getMessage().contains("damaged surrogate file"), e.getMessage());
    }

    @Test
    void otherFilesAreNotMistakenForSurrogates() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertTrue(assertThrows(IOException.class, () -> files.load(text)).getMessage().contains("not a CurveBench surrogate"));
        Path json = dir.resolve("other.gz");
        write(new ObjectMapper().createObjectNode().put("a", 1), json);
        assertTrue(assertThrows(IOException.class, () -> files.load(json)).getMessage().contains("not a CurveBench surrogate"));
        assertThrows(IOException.class, () -> files.load(dir.resolve("absent.cbs")));
        assertFalse(Files.exists(dir.resolve("absent.cbs")));
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
