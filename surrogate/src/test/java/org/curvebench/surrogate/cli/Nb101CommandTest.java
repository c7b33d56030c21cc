package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.curvebench.datasets.nb101.Nb101Evaluation;
import org.curvebench.datasets.nb101.Nb101Record;
import org.curvebench.datasets.nb101.Nb101TfRecordReader;
import org.curvebench.datasets.nb101.Nb101TfRecordWriter;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code curvebench nb101}: hash, query, generate and load-benchmark end to end. */
class Nb101CommandTest {

    @TempDir
    Path dir;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A cell with a dangling vertex (3) that pruning drops, written with integer labels. */
    private static final String DIAMOND_LABELS = "{\"adjacency\": [[0,1,1,1,0],[0,0,0,0,1],[0,0,0,0,1],"
            + "[0,0,0,0,0],[0,0,0,0,0]], \"ops\": [-1, 0, 2, 1, -2]}";
    /** The same cell pruned, with its interior vertices swapped and written with names. */
    private static final String DIAMOND_NAMES = "{\"adjacency\": [[0,1,1,0],[0,0,0,1],[0,0,0,1],[0,0,0,0]], "
            + "\"ops\": [\"input\", \"maxpool3x3\", \"conv3x3-bn-relu\", \"output\"]}";
    private static final String CHAIN = "{\"adjacency\": [[0,1,0],[0,0,1],[0,0,0]], \"ops\": [-1, 1, -2]}";
    private static final Nb101Cell DIAMOND = Nb101Cell.fromLabels(
            new int[][] {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}}, new int[] {-1, 0, 2, -2});

    private static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    private static List<String> hashes(String out) throws IOException {
        List<String> hashes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                JsonNode o = JSON.readTree(line);
                assertEquals(1, o.size(), line);
                hashes.add(o.get("hash").asText());
            }
        }
        return hashes;
    }

    @Test
    void hashPrintsTheModuleHashesOfTheSharedSample() throws IOException {
        Path sample = Path.of(System.getProperty("curvebench.shared", "../../shared"))
                .resolve("data/nasbench101-sample/nb101_dummy.json");
        assumeTrue(Files.isRegularFile(sample), "shared NAS-Bench-101 sample not present: " + sample);
        JsonNode root = JSON.readTree(sample.toFile());
        List<String> keys = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            keys.add(key);
            lines.append(JSON.writeValueAsString(JSON.createObjectNode()
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("adjacency", root.get(key).get("module_adjacency"))
                    .set("ops", root.get(key).get("module_operations")))).append('\n');
        }
        assertEquals(30, keys.size());
        Path cells = Files.writeString(dir.resolve("cells.jsonl"), lines);
        CliTest.Run r = run("nb101", "hash", "--input", cells.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(keys, hashes(r.out()));
    }

    @Test
    void hashReadsJsonArraysAndJsonLinesWithLabelsOrNames() throws IOException {
        Path array = Files.writeString(dir.resolve("cells.json"),
                "[\n  " + DIAMOND_LABELS + ",\n  " + CHAIN + ",\n  " + DIAMOND_NAMES + "\n]\n");
        Path lines = Files.writeString(dir.resolve("cells.jsonl"),
                DIAMOND_LABELS + "\n\n" + CHAIN + "\n" + DIAMOND_NAMES + "\n");
        CliTest.Run a = run("nb101", "hash", "--input", array.toString());
        CliTest.Run l = run("nb101", "hash", "--input", lines.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, l.code(), l.err());
        List<String> h = hashes(a.out());
        assertEquals(h, hashes(l.out()));
        assertEquals(List.of(DIAMOND.canonicalKey(), h.get(1), DIAMOND.canonicalKey()), h);
        assertTrue(!h.get(1).equals(h.get(0)) && h.get(1).matches("[0-9a-f]{32}"), h.toString());
    }

    @Test
    void anInvalidCellFailsNamingTheCellAndTheRule() throws IOException {
        String tooManyEdges = "{\"adjacency\": [[0,1,1,1,1,1,1],[0,0,1,1,1,1,1],[0,0,0,0,0,0,1],[0,0,0,0,0,0,1],"
                + "[0,0,0,0,0,0,1],[0,0,0,0,0,0,1],[0,0,0,0,0,0,0]], \"ops\": [-1,0,0,0,0,0,-2]}";
        Path lines = Files.writeString(dir.resolve("bad.jsonl"), CHAIN + "\n" + tooManyEdges + "\n");
        CliTest.Run l = run("nb101", "hash", "--input", lines.toString());
        assertEquals(1, l.code());
        assertTrue(l.err().startsWith("curvebench nb101 hash: error: " + lines + ":2: line 2: ")
                && l.err().contains("at most 9"), l.err());

        Path array = Files.writeString(dir.resolve("bad.json"), "[" + CHAIN + ",\n " + CHAIN + ",\n {\"adjacency\": "
                + "[[0,1],[0,0]], \"ops\": [-1, 7]}]");
        CliTest.Run a = run("nb101", "hash", "--input", array.toString());
        assertEquals(1, a.code());
        assertTrue(a.err().contains(array + ":3: cell 2") && a.err().contains("unknown operation label 7"), a.err());
        assertEquals(2, hashes(a.out()).size(), "cells before the bad one are printed");
    }

    private static Nb101Record record(Nb101Cell cell, int epochs, int repeat) {
        double acc = 0.9 + 0.01 * repeat;
        return new Nb101Record(cell.canonicalKey(), epochs, cell.adjacency(), cell.ops(), 1_000_000, 500,
                List.of(new Nb101Evaluation(0, 0, 0.1, 0.1, 0.1),
                        new Nb101Evaluation(epochs / 2.0, 100 + repeat, acc - 0.2, acc - 0.25, acc - 0.26),
                        new Nb101Evaluation(epochs, 200 + repeat, 1.0, acc, acc - 0.01)));
    }

    @Test
    void queryPrintsTheFixedAndComputedStatistics() throws IOException {
        Path file = dir.resolve("small.tfrecord");
        try (Nb101TfRecordWriter w = Nb101TfRecordWriter.create(file)) {
            for (int repeat = 0; repeat < 3; repeat++) {
                w.write(record(DIAMOND, 108, repeat));
            }
        }
        CliTest.Run r = run("nb101", "query", "--dataset", file.toString(), "--adjacency",
                "[[0,1,1,1,0],[0,0,0,0,1],[0,0,0,0,1],[0,0,0,0,0],[0,0,0,0,0]]", "--ops", "-1,0,2,1,-2");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(DIAMOND.canonicalKey(), o.get("module_hash").asText());
        assertEquals(4, o.get("module_adjacency").size());
        assertEquals(1_000_000, o.get("trainable_parameters").asInt());
        assertEquals(108, o.get("epochs").asInt());
        assertEquals(3, o.get("computed_stats").size());
        assertEquals(0.92, o.get("computed_stats").get(2).get("final_validation_accuracy").asDouble(), 1e-12);
        assertEquals(101, o.get("computed_stats").get(1).get("halfway_training_time").asDouble(), 1e-12);

        CliTest.Run missing = run("nb101", "query", "--dataset", file.toString(), "--adjacency",
                "[[0,1,0],[0,0,1],[0,0,0]]", "--ops", "input,conv1x1-bn-relu,output");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("curvebench nb101 query: error: cell ")
                && missing.err().contains("is not in this NAS-Bench-101 file"), missing.err());

        CliTest.Run budget = run("nb101", "query", "--dataset", file.toString(), "--adjacency",
                "[[0,1,1,0],[0,0,0,1],[0,0,0,1],[0,0,0,0]]", "--ops", "input,maxpool3x3,conv3x3-bn-relu,output",
                "--epochs", "36");
        assertEquals(1, budget.code());
        assertTrue(budget.err().contains("no runs at 36 epochs"), budget.err());

        CliTest.Run invalid = run("nb101", "query", "--dataset", file.toString(), "--adjacency", "[[0,1],[1,0]]",
                "--ops", "input,output");
        assertEquals(2, invalid.code());
        assertTrue(invalid.err().contains("Invalid cell in options '--adjacency' and '--ops'")
                && invalid.err().contains("strictly upper-triangular"), invalid.err());

        CliTest.Run json = run("nb101", "query", "--dataset", file.toString(), "--adjacency", "[[0,1]",
                "--ops", "input,output");
        assertEquals(2, json.code());
        assertTrue(json.err().contains("Invalid value for option '--adjacency': not valid JSON"), json.err());

        CliTest.Run epochs = run("nb101", "query", "--dataset", file.toString(), "--adjacency", "[[0,1],[0,0]]",
                "--ops", "input,output", "--epochs", "0");
        assertEquals(2, epochs.code());
        assertTrue(epochs.err().contains("Invalid value for option '--epochs': 0"), epochs.err());
    }

    @Test
    void generatedFilesLoadAndAnswerQueries() throws IOException {
        Path file = dir.resolve("synthetic.tfrecord");
        CliTest.Run g = run("nb101", "generate", "--cells", "40", "--budgets", "12,108", "--seed", "3",
                "--out", file.toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.err().contains("wrote 240 synthetic records"), g.err());
        Nb101Record first;
        try (Nb101TfRecordReader reader = Nb101TfRecordReader.open(file)) {
            first = reader.next().orElseThrow();
        }
        String adjacency = JSON.writeValueAsString(first.adjacency());
        CliTest.Run q = run("nb101", "query", "--dataset", file.toString(), "--adjacency", adjacency,
                "--ops", String.join(",", first.ops()), "--epochs", "12");
        assertEquals(0, q.code(), q.err());
        JsonNode o = JSON.readTree(q.out());
        assertEquals(first.hash(), o.get("module_hash").asText());
        assertEquals(3, o.get("computed_stats").size());
        for (JsonNode s : o.get("computed_stats")) {
            double v = s.get("final_validation_accuracy").asDouble();
            assertTrue(v > 0 && v < 1 && s.get("halfway_validation_accuracy").asDouble() < v, s.toString());
        }

        CliTest.Run b = run("nb101", "load-benchmark", "--dataset", file.toString());
        assertEquals(0, b.code(), b.err());
        JsonNode m = JSON.readTree(b.out());
        assertEquals(240, m.get("records").asInt());
        assertEquals(40, m.get("cells").asInt());
        assertTrue(m.get("seconds").asDouble() >= 0 && m.get("heap_mb_after_gc").asDouble() > 0, m.toString());
        assertTrue(m.get("note").asText().contains("approximate"));
        assertTrue(m.get("cpu_seconds").asDouble() >= 0 && m.get("threads").asInt() >= 1, m.toString());
        assertTrue(m.get("verify_seconds") == null, m.toString());
        CliTest.Run verified = run("nb101", "load-benchmark", "--dataset", file.toString(), "--verify");
        assertEquals(0, verified.code(), verified.err());
        assertTrue(JSON.readTree(verified.out()).get("verify_seconds").asDouble() >= 0, verified.out());

        CliTest.Run tooMany = run("nb101", "generate", "--cells", "500000", "--out", file.toString());
        assertEquals(2, tooMany.code());
        assertTrue(tooMany.err().contains("Invalid value for option '--cells': 500000; it must be from 1 to 423624"),
                tooMany.err());
        CliTest.Run none = run("nb101", "generate", "--cells", "0", "--out", file.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("'--cells': 0"), none.err());
        CliTest.Run budgets = run("nb101", "generate", "--cells", "3", "--budgets", "12,0", "--out", file.toString());
        assertEquals(2, budgets.code());
        assertTrue(budgets.err().contains("Invalid value for option '--budgets': [12, 0]"), budgets.err());
    }

    @Test
    void generatedFilesHaveThePermissionsOfAPlainNewFileAndErrorsNameTheTarget() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("perm.tfrecord");
        CliTest.Run g = run("nb101", "generate", "--cells", "3", "--out", file.toString());
        assertEquals(0, g.code(), g.err());
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Path missing = dir.resolve("absent").resolve("x.tfrecord");
        CliTest.Run m = run("nb101", "generate", "--cells", "3", "--out", missing.toString());
        assertEquals(1, m.code());
        assertTrue(m.err().contains("cannot write " + missing + ": the folder " + missing.getParent()
                + " does not exist"), m.err());
        assertTrue(!m.err().contains(".tmp"), m.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : List.of("hash", "query", "generate", "load-benchmark")) {
            CliTest.Run r = run("nb101", sub, "--help");
            assertEquals(0, r.code(), sub);
            assertTrue(r.out().contains("Usage: curvebench nb101 " + sub), r.out());
        }
        assertTrue(run("nb101", "generate", "--help").out().contains("SYNTHETIC"));
        CliTest.Run r = run("nb101", "--help");
        assertEquals(0, r.code());
        assertTrue(List.of("hash", "query", "generate", "load-benchmark").stream().allMatch(r.out()::contains),
                r.out());
        assertTrue(run("--help").out().contains("nb101"));
    }
}
