package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.curvebench.datasets.DatasetSplit;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: fit, evaluate and query on files, as a user runs them. */
class CliTest {

    @TempDir
    static Path dir;
    static Path train;
    static Path test;
    static Path model;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Exit code, standard output and standard error of one run. */
    record Run(int code, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void fitOnce() throws Exception {
        var sim = SimulatedNb201Benchmark.generate(1200, 3, 20, 9);
        DatasetSplit split = DatasetSplit.of(sim.dataset(), 0.8, 0, 9);
        train = dir.resolve("train.jsonl.gz");
        test = dir.resolve("test.jsonl");
        CurveTableWriter.write(split.train(), train);
        CurveTableWriter.write(split.test(), test);
        model = dir.resolve("m.cbs");
        Run fit = run("fit", "--space", "nb201", "--data", train.toString(), "--out", model.toString(),
                "--max-rounds", "200");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("loaded 960 architectures, 2880 runs of val_acc"), fit.err());
    }

    @Test
    void evaluatePrintsTheContractsJson() throws Exception {
        Run r = run("evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(240, o.get("n_archs").asInt());
        for (String k : List.of("avg_r2", "final_r2", "avg_kt", "final_kt")) {
            assertTrue(o.get(k).isNumber(), k);
            assertTrue(o.get("surrogate_vs_heldout_seed").get(k).isNumber(), k);
        }
        assertEquals(2, o.get("tabular").size());
        assertEquals(1, o.get("tabular").get(0).get("seeds").asInt());
        assertTrue(o.get("noise").get("avg_kl").isNumber());
        assertTrue(o.get("avg_r2").asDouble() > 0.8, r.out());
    }

    @Test
    void evaluatePrintsATable() {
        Run r = run("evaluate", "--model", model.toString(), "--data", test.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("surrogate -> mean of runs") && r.out().contains("2-seed tabular"), r.out());
    }

    @Test
    void queryPrintsOneCurve() throws Exception {
        String arch = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";
        Run mean = run("query", "--model", model.toString(), "--arch", arch);
        assertEquals(0, mean.code(), mean.err());
        JsonNode o = JSON.readTree(mean.out());
        assertEquals(arch, o.get("arch").asText());
        assertEquals(20, o.get("epochs").asInt());
        assertEquals(20, o.get("curve").size());
        Run noisy = run("query", "--model", model.toString(), "--arch", arch, "--noise", "--seed", "3");
        Run again = run("query", "--model", model.toString(), "--arch", arch, "--noise", "--seed", "3");
        assertEquals(noisy.out(), again.out());
        assertFalse(noisy.out().equals(mean.out()));
    }

    @Test
    void batchQueriesStreamOneLinePerInputInOrder() throws Exception {
        List<String> archs = new ArrayList<>();
        for (String line : Files.readAllLines(test)) {
            String a = JSON.readTree(line).get("arch").asText();
            if (!archs.contains(a)) {
                archs.add(a);
            }
        }
        Path batch = dir.resolve("batch.jsonl");
        StringBuilder sb = new StringBuilder();
        for (String a : archs) {
            sb.append("{\"arch\": \"").append(a).append("\"}\n");
        }
        Files.writeString(batch, sb.toString());
        Run r = run("query", "--model", model.toString(), "--batch", batch.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(archs.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(archs.get(i), JSON.readTree(lines[i]).get("arch").asText());
        }
        Run single = run("query", "--model", model.toString(), "--arch", archs.get(5));
        assertEquals(single.out().strip(), lines[5]);
        Path out = dir.resolve("curves.jsonl");
        assertEquals(0, run("query", "--model", model.toString(), "--batch", batch.toString(), "--out", out.toString()).code());
        assertEquals(r.out(), Files.readString(out));
    }

    @Test
    void badInputFailsWithFileLineAndNothingWritten() throws Exception {
        Path batch = dir.resolve("bad.jsonl");
        Files.writeString(batch, "{\"arch\": \"|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|\"}\n"
                + "{\"arch\": \"|bogus~0|\"}\n");
        Path out = dir.resolve("never.jsonl");
        Run r = run("query", "--model", model.toString(), "--batch", batch.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.jsonl:2: field 'arch'"), r.err());
        assertFalse(Files.exists(out));

        Path table = dir.resolve("broken.jsonl");
        Files.writeString(table, "{\"arch\": \"|nor_conv_3x3~0|\", \"metrics\": {\"val_acc\": [1]}}\n");
        Run fit = run("fit", "--space", "nb201", "--data", table.toString(), "--out", dir.resolve("x.cbs").toString());
        assertEquals(1, fit.code());
        assertTrue(fit.err().contains("broken.jsonl:1:"), fit.err());
        assertFalse(Files.exists(dir.resolve("x.cbs")));

        Run missing = run("evaluate", "--model", dir.resolve("absent.cbs").toString(), "--data", test.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("absent.cbs"), missing.err());

        Run space = run("fit", "--space", "nb999", "--data", train.toString(), "--out", dir.resolve("y.cbs").toString());
        assertEquals(2, space.code(), "an unknown space is a usage error");
        assertTrue(space.err().contains("known spaces"), space.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("demo", "fit", "evaluate", "query", "info", "simulate", "split", "benchmark")) {
            Run r = run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().contains("Usage: curvebench " + command), r.out());
        }
        Run usage = run("fit", "--space", "nb201");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("Missing required options"), usage.err());
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void writtenFilesHaveThePermissionsOfAPlainNewFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        String plain = permissions(Files.createFile(dir.resolve("plain-new-file")));
        assertEquals(plain, permissions(model), "the .cbs written by fit");
        Path batch = Files.writeString(dir.resolve("perm-batch.jsonl"),
                "{\"arch\": \"|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|\"}\n");
        Path out = dir.resolve("perm-curves.jsonl");
        Run q = run("query", "--model", model.toString(), "--batch", batch.toString(), "--out", out.toString());
        assertEquals(0, q.code(), q.err());
        assertEquals(plain, permissions(out), "the file written by query --out");
    }

    @Test
    void queryOutEndingInGzIsGzipped() throws Exception {
        Path batch = Files.writeString(dir.resolve("gz-batch.jsonl"),
                "{\"arch\": \"|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|\"}\n");
        Path out = dir.resolve("curves.jsonl.gz");
        Run q = run("query", "--model", model.toString(), "--batch", batch.toString(), "--out", out.toString());
        assertEquals(0, q.code(), q.err());
        byte[] bytes = Files.readAllBytes(out);
        assertTrue(bytes.length > 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b, "not gzip");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("{\"arch\""));
        }
    }

    @Test
    void outputErrorsNameTheUsersPathNotATemporaryFile() throws Exception {
        Path batch = Files.writeString(dir.resolve("err-batch.jsonl"),
                "{\"arch\": \"|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|\"}\n");
        Path missing = dir.resolve("no-such-folder").resolve("curves.jsonl");
        Run q = run("query", "--model", model.toString(), "--batch", batch.toString(), "--out", missing.toString());
        assertEquals(1, q.code());
        assertTrue(q.err().contains("cannot write " + missing + ": the folder " + missing.getParent()
                + " does not exist"), q.err());
        assertFalse(q.err().contains(".tmp"), q.err());

        Path folder = Files.createDirectories(dir.resolve("a-folder.jsonl"));
        Run f = run("query", "--model", model.toString(), "--batch", batch.toString(), "--out", folder.toString());
        assertEquals(1, f.code());
        assertTrue(f.err().contains("cannot write " + folder + ": it is a folder, not a file"), f.err());
        assertFalse(f.err().contains(".tmp"), f.err());

        Path small = dir.resolve("small.jsonl");
        var sim = SimulatedNb201Benchmark.generate(40, 2, 10, 3);
        CurveTableWriter.write(sim.dataset(), small);
        Path cbsFolder = Files.createDirectories(dir.resolve("folder.cbs"));
        Run fit = run("fit", "--space", "nb201", "--data", small.toString(), "--out", cbsFolder.toString(),
                "--max-rounds", "5");
        assertEquals(1, fit.code());
        assertTrue(fit.err().contains("cannot write " + cbsFolder + ": it is a folder, not a file"), fit.err());
        assertFalse(fit.err().contains(".tmp"), fit.err());
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".")), "a temporary file is left");
        }
    }

    @Test
    void aTruncatedGzipTableFailsNamingTheFile() throws Exception {
        byte[] gz = Files.readAllBytes(train);
        Path truncated = Files.write(dir.resolve("truncated.jsonl.gz"), Arrays.copyOf(gz, gz.length / 2));
        Run fit = run("fit", "--space", "nb201", "--data", truncated.toString(), "--out",
                dir.resolve("never.cbs").toString());
        assertEquals(1, fit.code());
        assertTrue(fit.err().contains(truncated + " is a truncated or damaged gzip file"), fit.err());
        assertFalse(Files.exists(dir.resolve("never.cbs")));
    }

    @Test
    void evaluatingOnTheTrainingDataWarns() {
        Run onTrain = run("evaluate", "--model", model.toString(), "--data", train.toString(), "--json");
        assertEquals(0, onTrain.code(), onTrain.err());
        assertTrue(onTrain.err().contains("warning: " + train + " is the data " + model + " was fitted on")
                && onTrain.err().contains("optimistic"), onTrain.err());
        Run onTest = run("evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, onTest.code(), onTest.err());
        assertFalse(onTest.err().contains("warning"), onTest.err());
    }

    @Test
    void evaluateUsageErrorsExitTwoNamingTheFlag() {
        Run r = run("evaluate", "--model", model.toString(), "--data", test.toString(), "--format", "nope");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'--format': unknown data format 'nope'; known formats: ")
                && r.err().contains("table"), r.err());
        Run g = run("evaluate", "--model", model.toString(), "--data", test.toString(), "--graphs", "g.json");
        assertEquals(2, g.code(), g.err());
        assertTrue(g.err().contains("--graphs applies to --format nb101-results only"), g.err());
    }
}
