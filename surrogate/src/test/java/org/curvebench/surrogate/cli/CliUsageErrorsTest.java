package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit with code 2 and name the flag and what it allows; split refuses splits it cannot make. */
class CliUsageErrorsTest {

    @TempDir
    static Path dir;
    /** 30 architectures, 2 seeds each. */
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = dir.resolve("data.jsonl");
        CurveTableWriter.write(SimulatedNb201Benchmark.generate(30, 2, 10, 4).dataset(), data);
    }

    private static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    private static void assertUsage(CliTest.Run r, String... parts) {
        assertEquals(2, r.code(), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' not in: " + r.err());
        }
        assertTrue(r.err().contains("Usage: curvebench "), r.err());
    }

    @Test
    void splitWritesTrainAndTest() throws Exception {
        Path out = dir.resolve("split-ok");
        CliTest.Run r = run("split", "--space", "nb201", "--data", data.toString(), "--test-fraction", "0.2",
                "--out-dir", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("train: 24 architectures (48 runs); test: 6 architectures (12 runs)"), r.err());
        assertTrue(Files.isRegularFile(out.resolve("train.jsonl.gz")) && Files.isRegularFile(out.resolve("test.jsonl.gz")));
    }

    @Test
    void splitTestFractionOutsideZeroToOneIsAUsageError() {
        for (String f : new String[] {"0", "1", "1.5", "-0.2", "NaN"}) {
            Path out = dir.resolve("split-" + f);
            CliTest.Run r = run("split", "--space", "nb201", "--data", data.toString(), "--test-fraction", f,
                    "--out-dir", out.toString());
            assertUsage(r, "Invalid value for option '--test-fraction'", "0 < f < 1");
            assertFalse(r.err().contains("validation"), r.err());
            assertFalse(Files.exists(out), "nothing is written for " + f);
        }
    }

    @Test
    void splitRefusesAFractionThatLeavesASideEmpty() {
        Path out = dir.resolve("split-tiny");
        CliTest.Run tiny = run("split", "--space", "nb201", "--data", data.toString(), "--test-fraction", "0.01",
                "--out-dir", out.toString());
        assertUsage(tiny, "'--test-fraction': 0.01 leaves the test set empty", "has 30 architectures",
                "from 0.03333 to 0.9667");
        assertFalse(Files.exists(out));
        CliTest.Run huge = run("split", "--space", "nb201", "--data", data.toString(), "--test-fraction", "0.99",
                "--out-dir", out.toString());
        assertUsage(huge, "'--test-fraction': 0.99 leaves the train set empty");
        assertFalse(Files.exists(out));
        CliTest.Run edge = run("split", "--space", "nb201", "--data", data.toString(), "--test-fraction",
                String.valueOf(1.0 / 30), "--out-dir", out.toString());
        assertEquals(0, edge.code(), edge.err());
        assertTrue(edge.err().contains("test: 1 architectures"), edge.err());
    }

    @Test
    void splitOutDirOnAFileSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliTest.Run r = run("split", "--space", "nb201", "--data", data.toString(), "--out-dir", file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--out-dir " + file + " is a file, not a folder"), r.err());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void unknownSpaceAndFormatAreUsageErrors() {
        Path out = dir.resolve("split-names");
        assertUsage(run("split", "--space", "nb999", "--data", data.toString(), "--out-dir", out.toString()),
                "Invalid value for option '--space': unknown search space 'nb999'; known spaces: ", "nb201");
        assertUsage(run("split", "--space", "nb201", "--format", "nope", "--data", data.toString(), "--out-dir",
                out.toString()), "Invalid value for option '--format': unknown data format 'nope'; known formats: ",
                "table", "nasbench-nlp");
        assertFalse(Files.exists(out));
    }

    @Test
    void simulateChecksItsCounts() {
        Path out = dir.resolve("sim.jsonl");
        assertUsage(run("simulate", "--archs", "0", "--out", out.toString()),
                "Invalid value for option '--archs': 0; it must be from 1 to 15625");
        assertUsage(run("simulate", "--archs", "20000", "--out", out.toString()), "'--archs'", "15625");
        assertUsage(run("simulate", "--seeds", "0", "--out", out.toString()), "'--seeds': 0; it must be at least 1");
        assertUsage(run("simulate", "--epochs", "1", "--out", out.toString()), "'--epochs': 1; it must be at least 2");
        assertFalse(Files.exists(out));
    }

    @Test
    void simulateIntoAMissingFolderNamesIt() {
        Path out = dir.resolve("absent").resolve("sim.jsonl");
        CliTest.Run r = run("simulate", "--archs", "5", "--seeds", "1", "--epochs", "3", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot write " + out + ": the folder " + out.getParent() + " does not exist"),
                r.err());
    }

    @Test
    void demoSpaceIsAUsageError() {
        assertUsage(run("demo", "--space", "nlp", "--out-dir", dir.resolve("demo").toString()),
                "Invalid value for option '--space'", "nb201, nb101 and darts");
    }
}
