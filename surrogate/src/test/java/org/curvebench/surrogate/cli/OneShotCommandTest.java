package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.curvebench.core.LearningCurve;
import org.curvebench.core.Progress;
import org.curvebench.datasets.nb101.Nb101Evaluation;
import org.curvebench.datasets.nb101.Nb101Record;
import org.curvebench.datasets.nb101.Nb101TfRecordWriter;
import org.curvebench.datasets.simulated.SimulatedNb101Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.encoding.SearchSpaces;
import org.curvebench.encoding.SpaceCount;
import org.curvebench.encoding.oneshot.OneShotSpace;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NAS-Bench-1Shot1's spaces on the command line: counting them, querying an NB111 surrogate fitted here and a
 * NAS-Bench-101 TFRecord written here with their configurations, and anytime evaluation of a trajectory.
 */
class OneShotCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;
    static Path table;
    /** Distinct cells of space 1 by module hash, with the configuration first found for each. */
    static final Map<String, ObjectNode> SPACE1 = new LinkedHashMap<>();
    /** Validation and test accuracy written for each cell (mean of its three repeats). */
    static final Map<String, double[]> WRITTEN = new LinkedHashMap<>();
    static String bestHash;

    private static final String CONFIG3 = "{\"choice_block_1_op\": \"conv3x3-bn-relu\", \"choice_block_2_op\": "
            + "\"maxpool3x3\", \"choice_block_3_op\": \"conv1x1-bn-relu\", \"choice_block_4_op\": \"conv3x3-bn-relu\", "
            + "\"choice_block_5_op\": \"maxpool3x3\", \"choice_block_1_parents\": [0], \"choice_block_2_parents\": [1], "
            + "\"choice_block_3_parents\": [0], \"choice_block_4_parents\": [2, 3], \"choice_block_5_parents\": [0, 4], "
            + "\"choice_block_6_parents\": [1, 5]}";
    /** CONFIG3's cell written by hand: 0->1->2->4, 0->3->4, 0->5, 4->5, 1->6, 5->6. */
    private static final Nb101Cell CELL3 = Nb101Cell.of(new int[][] {
            {0, 1, 0, 1, 0, 1, 0},
            {0, 0, 1, 0, 0, 0, 1},
            {0, 0, 0, 0, 1, 0, 0},
            {0, 0, 0, 0, 1, 0, 0},
            {0, 0, 0, 0, 0, 1, 0},
            {0, 0, 0, 0, 0, 0, 1},
            {0, 0, 0, 0, 0, 0, 0}}, List.of("input", "conv3x3-bn-relu", "maxpool3x3", "conv1x1-bn-relu",
            "conv3x3-bn-relu", "maxpool3x3", "output"));

    @BeforeAll
    static void fitAndWrite() throws IOException {
        Path train = dir.resolve("nb101-sim.jsonl.gz");
        CurveTableWriter.write(SimulatedNb101Benchmark.generate(250, 2, 12, 4).dataset(), train);
        model = dir.resolve("nb111.cbs");
        CliTest.Run fit = CliTest.run("fit", "--space", "nb101", "--data", train.toString(), "--out", model.toString(),
                "--max-rounds", "60");
        assertEquals(0, fit.code(), fit.err());

        OneShotSpace space1 = (OneShotSpace) SearchSpaces.installed().get("1shot1-1");
        space1Configurations().forEach(json -> SPACE1.putIfAbsent(space1.parse(json).canonicalKey(), json));
        int i = 0;
        for (String hash : SPACE1.keySet()) {
            double val = 0.80 + 0.1 * ((i * 7919L) % 1000) / 1000.0;
            double test = val - 0.01 - 0.02 * ((i * 104729L) % 100) / 100.0;
            if (i == SPACE1.size() / 2) {
                val = 0.95;
                test = 0.945;
                bestHash = hash;
            }
            WRITTEN.put(hash, new double[] {val, test});
            i++;
        }
        table = writeTable("space1.tfrecord", SPACE1.keySet());
    }

    /** A TFRecord of these space-1 cells, three repeats each at 108 epochs around the accuracies in WRITTEN. */
    private static Path writeTable(String name, Iterable<String> hashes) throws IOException {
        OneShotSpace space1 = (OneShotSpace) SearchSpaces.installed().get("1shot1-1");
        Path file = dir.resolve(name);
        try (Nb101TfRecordWriter w = Nb101TfRecordWriter.create(file)) {
            for (String hash : hashes) {
                Nb101Cell cell = space1.parse(SPACE1.get(hash)).cell();
                double[] acc = WRITTEN.get(hash);
                for (int r = 0; r < 3; r++) {
                    double d = 0.001 * (r - 1);
                    w.write(new Nb101Record(cell.canonicalKey(), 108, cell.adjacency(), cell.ops(), 1000, 100,
                            List.of(new Nb101Evaluation(0, 0, 0.1, 0.1, 0.1),
                                    new Nb101Evaluation(54, 50, 0.7, 0.7, 0.7),
                                    new Nb101Evaluation(108, 100, 1.0, acc[0] + d, acc[1] + d))));
                }
            }
        }
        return file;
    }

    /** All 14,580 configurations of space 1, written out: blocks 3 and 4 and the output each read two earlier nodes. */
    private static List<ObjectNode> space1Configurations() {
        String[] ops = {"conv1x1-bn-relu", "conv3x3-bn-relu", "maxpool3x3"};
        List<ObjectNode> out = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                for (int c = 0; c < 4; c++) {
                    for (int d = c + 1; d < 4; d++) {
                        for (int e = 0; e < 5; e++) {
                            for (int f = e + 1; f < 5; f++) {
                                for (int o = 0; o < 81; o++) {
                                    ObjectNode n = JSON.createObjectNode();
                                    for (int k = 1, q = o; k <= 4; k++, q /= 3) {
                                        n.put("choice_block_" + k + "_op", ops[q % 3]);
                                    }
                                    n.putArray("choice_block_1_parents").add(0);
                                    n.putArray("choice_block_2_parents").add(0).add(1);
                                    n.putArray("choice_block_3_parents").add(a).add(b);
                                    n.putArray("choice_block_4_parents").add(c).add(d);
                                    n.putArray("choice_block_5_parents").add(e).add(f);
                                    out.add(n);
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void spaceCountPrintsTheEnumeratedCounts() throws IOException {
        CliTest.Run r = CliTest.run("space", "count", "--space", "1shot1-1");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        SpaceCount count = ((OneShotSpace) SearchSpaces.installed().get("1shot1-1")).count(Progress.NONE);
        assertEquals(14_580, o.get("configurations").asLong());
        assertEquals(count.architectures(), o.get("architectures").asLong());
        assertEquals(SPACE1.size(), o.get("module_hashes").asLong());

        CliTest.Run nb201 = CliTest.run("space", "count", "--space", "nb201");
        assertEquals(2, nb201.code());
        assertTrue(nb201.err().contains("space 'nb201' cannot be enumerated; enumerable spaces: 1shot1-1, 1shot1-2, "
                + "1shot1-3"), nb201.err());
        assertTrue(CliTest.run("space", "count", "--help").out().contains("module_hashes"));
    }

    @Test
    void aSurrogateAnswersAConfigurationAsItsCell() throws IOException {
        CliTest.Run config = CliTest.run("query", "--model", model.toString(), "--space", "1shot1-3", "--arch", CONFIG3);
        assertEquals(0, config.code(), config.err());
        CliTest.Run cell = CliTest.run("query", "--model", model.toString(), "--arch", CELL3.toJson().toString());
        assertEquals(0, cell.code(), cell.err());
        assertEquals(JSON.readTree(cell.out()), JSON.readTree(config.out()));

        Path batch = dir.resolve("batch.jsonl");
        Files.writeString(batch, "{\"arch\": " + CONFIG3 + "}\n{\"arch\": " + CELL3.toJson() + "}\n");
        CliTest.Run both = CliTest.run("query", "--model", model.toString(), "--space", "1shot1-3", "--batch",
                batch.toString());
        assertEquals(0, both.code(), both.err());
        List<JsonNode> answers = lines(both.out());
        assertEquals(2, answers.size());
        assertEquals(JSON.readTree(cell.out()).get("curve"), answers.get(0).get("curve"));
        assertEquals(answers.get(0), answers.get(1), "a cell in the space is answered as its configuration");

        CliTest.Run outside = CliTest.run("query", "--model", model.toString(), "--space", "1shot1-1", "--arch",
                CONFIG3);
        assertEquals(2, outside.code());
        assertTrue(outside.err().contains("--arch: invalid 1shot1-1 configuration: unknown field \"choice_block_5_op\""),
                outside.err());
        CliTest.Run other = CliTest.run("query", "--model", model.toString(), "--space", "nb201", "--arch", "x");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("a surrogate of space 'nb101' cannot answer architectures of space 'nb201'"),
                other.err());
    }

    @Test
    void theTableAnswersAConfigurationAsItsCell() throws IOException {
        Map.Entry<String, ObjectNode> first = SPACE1.entrySet().iterator().next();
        CliTest.Run r = CliTest.run("nb101", "query", "--dataset", table.toString(), "--space", "1shot1-1", "--arch",
                first.getValue().toString());
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(first.getKey(), o.get("module_hash").asText());
        assertEquals(WRITTEN.get(first.getKey())[0] + 0.001,
                o.get("computed_stats").get(2).get("final_validation_accuracy").asDouble(), 1e-12);

        CliTest.Run missing = CliTest.run("nb101", "query", "--dataset", table.toString(), "--space", "1shot1-3",
                "--arch", CONFIG3);
        assertEquals(1, missing.code(), "1shot1-3's cell is not in a file of 1shot1-1's cells");
        assertTrue(missing.err().contains("cell " + CELL3.canonicalKey() + " is not in this NAS-Bench-101 file"),
                missing.err());
        CliTest.Run bad = CliTest.run("nb101", "query", "--dataset", table.toString(), "--space", "1shot1-1", "--arch",
                first.getValue().deepCopy().put("choice_block_3_op", "sepconv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("Invalid value for option '--arch': invalid 1shot1-1 configuration: "
                + "choice_block_3_op must be one of"), bad.err());
        CliTest.Run mixed = CliTest.run("nb101", "query", "--dataset", table.toString(), "--arch", CELL3.toJson()
                .toString(), "--ops", "input,output");
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("leave out --adjacency and --ops"), mixed.err());
    }

    /** A run that picks three architectures in turn, the last the best, the second written as its cell. */
    private static Path trajectory() throws IOException {
        List<String> hashes = new ArrayList<>(SPACE1.keySet());
        Path run = dir.resolve("run.jsonl");
        String worse = hashes.get(3);
        Nb101Cell middle = ((OneShotSpace) SearchSpaces.installed().get("1shot1-1")).parse(SPACE1.get(hashes.get(10)))
                .cell();
        Files.writeString(run, "{\"epoch\": 0, \"seconds\": 0, \"arch\": " + SPACE1.get(worse) + ", \"run\": 7}\n"
                + "{\"epoch\": 1, \"seconds\": 61.5, \"arch\": " + middle.toJson() + "}\n"
                + "{\"epoch\": 2, \"seconds\": 123, \"arch\": " + SPACE1.get(bestHash) + "}\n");
        return run;
    }

    @Test
    void anytimeEvaluationAgainstTheTable() throws IOException {
        CliTest.Run r = CliTest.run("oneshot", "evaluate", "--space", "1shot1-1", "--trajectory", trajectory().toString(),
                "--dataset", table.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonNode> out = lines(r.out());
        assertEquals(3, out.size());
        List<String> hashes = new ArrayList<>(SPACE1.keySet());
        List<String> picked = List.of(hashes.get(3), hashes.get(10), bestHash);
        for (int i = 0; i < 3; i++) {
            JsonNode o = out.get(i);
            double[] acc = WRITTEN.get(picked.get(i));
            assertEquals(picked.get(i), o.get("module_hash").asText());
            assertEquals(i, o.get("epoch").asInt());
            assertEquals(acc[0], o.get("val_acc").asDouble(), 1e-9);
            assertEquals(acc[1], o.get("test_acc").asDouble(), 1e-9);
            assertEquals(0.95 - acc[0], o.get("val_regret").asDouble(), 1e-9);
            assertEquals(0.945 - acc[1], o.get("test_regret").asDouble(), 1e-9);
            assertEquals(o.get("test_regret"), o.get("regret"));
            assertEquals("test_acc", o.get("regret_of").asText());
        }
        assertEquals(61.5, out.get(1).get("seconds").asDouble());
        assertEquals(7, out.get(0).get("run").asInt(), "other fields are kept");
        assertEquals(0, out.get(2).get("regret").asDouble(), 1e-12);
        assertTrue(r.err().contains("best of 1shot1-1 over " + SPACE1.size() + " of its " + SPACE1.size() + " cells"),
                r.err());
    }

    @Test
    void anytimeEvaluationAgainstTheSurrogate() throws IOException {
        Path out = dir.resolve("anytime.jsonl");
        CliTest.Run r = CliTest.run("oneshot", "evaluate", "--space", "1shot1-1", "--trajectory", trajectory().toString(),
                "--model", model.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = lines(Files.readString(out));
        CurveSurrogate surrogate = SurrogateFiles.installed().load(model);
        OneShotSpace space = (OneShotSpace) SearchSpaces.installed().get("1shot1-1");
        List<Nb101Cell> cells = new ArrayList<>();
        SPACE1.values().forEach(json -> cells.add(space.parse(json).cell()));
        double best = surrogate.meanCurves(cells).stream().mapToDouble(LearningCurve::last).max().orElseThrow();
        for (JsonNode o : lines) {
            Nb101Cell cell = space.parse(o.get("arch")).cell();
            double predicted = surrogate.meanCurve(cell).last();
            assertEquals(predicted, o.get("val_acc").asDouble(), 1e-9);
            assertEquals(best - predicted, o.get("regret").asDouble(), 1e-9);
            assertTrue(o.get("regret").asDouble() >= 0);
            assertEquals("val_acc", o.get("regret_of").asText());
            assertTrue(o.get("test_acc").isNull() && o.get("test_regret").isNull(), o.toString());
        }
        assertEquals(3, lines.size());
    }

    @Test
    void anytimeEvaluationNamesWhatIsWrong() throws IOException {
        Path run = dir.resolve("broken.jsonl");
        Files.writeString(run, "{\"epoch\": 0, \"seconds\": 1, \"arch\": " + SPACE1.values().iterator().next() + "}\n"
                + "{\"epoch\": 1, \"arch\": " + SPACE1.values().iterator().next() + "}\n");
        CliTest.Run r = CliTest.run("oneshot", "evaluate", "--space", "1shot1-1", "--trajectory", run.toString(),
                "--dataset", table.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(run + ":2: \"seconds\" must be the search time so far"), r.err());

        List<String> hashes = new ArrayList<>(SPACE1.keySet());
        Path partial = writeTable("partial.tfrecord", hashes.subList(0, 5));
        Files.writeString(run, "{\"epoch\": 0, \"seconds\": 1, \"arch\": " + SPACE1.get(hashes.get(9)) + "}\n");
        CliTest.Run absent = CliTest.run("oneshot", "evaluate", "--space", "1shot1-1", "--trajectory", run.toString(),
                "--dataset", partial.toString());
        assertEquals(1, absent.code());
        assertTrue(absent.err().contains("best of 1shot1-1 over 5 of its " + SPACE1.size() + " cells"), absent.err());
        assertTrue(absent.err().contains(run + ":1: the architecture's cell " + hashes.get(9) + " is not in "
                + partial), absent.err());
        CliTest.Run none = CliTest.run("oneshot", "evaluate", "--space", "1shot1-2", "--trajectory", run.toString(),
                "--dataset", partial.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("holds none of the") && none.err().contains("cells of 1shot1-2"), none.err());

        CliTest.Run nb101 = CliTest.run("oneshot", "evaluate", "--space", "nb101", "--trajectory", run.toString(),
                "--dataset", table.toString());
        assertEquals(2, nb101.code());
        assertTrue(nb101.err().contains("'nb101' is not a NAS-Bench-1Shot1 space"), nb101.err());
        CliTest.Run both = CliTest.run("oneshot", "evaluate", "--space", "1shot1-1", "--trajectory", run.toString(),
                "--dataset", table.toString(), "--model", model.toString());
        assertEquals(2, both.code());
        CliTest.Run twice = CliTest.run("oneshot", "evaluate", "--space", "1shot1-1", "--trajectory", run.toString(),
                "--model", model.toString(), "--model", model.toString());
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("a surrogate of val_acc cannot be used here"), twice.err());
        assertTrue(CliTest.run("oneshot", "evaluate", "--help").out().contains("regret"));
        assertTrue(CliTest.run("oneshot", "--help").out().contains("evaluate"));
    }
}
