package org.curvebench.surrogate.cli;

import static org.curvebench.surrogate.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.curvebench.encoding.darts.DartsArchitecture;
import org.curvebench.encoding.darts.DartsCell;
import org.curvebench.encoding.darts.DartsForms;
import org.curvebench.encoding.darts.DartsSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code darts} space end to end: the shared cells, NAS-Bench-301 result files and the simulated benchmark. */
class DartsSurrogateTest {

    private static final Path SHARED_CELLS = Path.of(System.getProperty("curvebench.shared", "../../shared"))
            .resolve("data/nasbench301-naslib/cells.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** Lines {"arch": ...} of the cells in {@code converted}, one per line. */
    private Path batch(String name, List<JsonNode> converted) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (JsonNode arch : converted) {
            ObjectNode line = JSON.createObjectNode();
            line.set("arch", arch);
            sb.append(JSON.writeValueAsString(line)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void fitsEvaluatesAndQueriesTheSharedCellsInEveryForm() throws IOException {
        assumeTrue(Files.exists(SHARED_CELLS), "shared NAS-Bench-301 cells absent");
        Path split = dir.resolve("split");
        CliTest.Run s = run("split", "--space", "darts", "--data", SHARED_CELLS.toString(), "--test-fraction", "0.2",
                "--seed", "1", "--out-dir", split.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.err().contains("train: 280 architectures (280 runs); test: 70 architectures"), s.err());
        Path model = dir.resolve("nb311.cbs");
        CliTest.Run fit = run("fit", "--space", "darts", "--data", split.resolve("train.jsonl.gz").toString(),
                "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        CliTest.Run eval = run("evaluate", "--model", model.toString(), "--data",
                split.resolve("test.jsonl.gz").toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode report = JSON.readTree(eval.out());
        assertEquals(1, report.get("epochs").asInt());
        assertEquals(70, report.get("n_archs").asInt());
        assertTrue(report.get("final_kt").asDouble() > 0.3, "the cells rank final accuracy: " + eval.out());

        CliTest.Run genotypes = run("darts", "convert", "--to", "genotype", "--input", SHARED_CELLS.toString());
        assertEquals(0, genotypes.code(), genotypes.err());
        CliTest.Run configs = run("darts", "convert", "--to", "config", "--input", SHARED_CELLS.toString());
        assertEquals(0, configs.code(), configs.err());
        CliTest.Run compact = run("darts", "convert", "--to", "compact", "--input", SHARED_CELLS.toString());
        assertEquals(0, compact.code(), compact.err());
        List<JsonNode> g = lines(genotypes.out());
        List<JsonNode> c = lines(configs.out());
        List<JsonNode> k = lines(compact.out());
        assertEquals(350, g.size());
        assertEquals(350, c.size());
        assertTrue(g.get(0).asText().startsWith("Genotype(normal=[('"), g.get(0).toString());
        assertTrue(c.get(0).has("NetworkSelectorDatasetInfo:darts:inputs_node_reduce_5"), c.get(0).toString());
        List<JsonNode> original = new ArrayList<>();
        for (String line : Files.readAllLines(SHARED_CELLS)) {
            original.add(JSON.readTree(line).get("arch"));
        }
        List<List<Double>> curves = new ArrayList<>();
        for (Path b : List.of(batch("compact.jsonl", original), batch("genotype.jsonl", g), batch("config.jsonl", c),
                batch("canonical.jsonl", k))) {
            CliTest.Run q = run("query", "--model", model.toString(), "--batch", b.toString());
            assertEquals(0, q.code(), q.err());
            List<Double> values = new ArrayList<>();
            for (JsonNode line : lines(q.out())) {
                assertEquals(1, line.get("curve").size());
                values.add(line.get("curve").get(0).asDouble());
            }
            assertEquals(350, values.size());
            curves.add(values);
        }
        assertEquals(curves.get(0), curves.get(1), "genotype strings give the compact form's curves");
        assertEquals(curves.get(0), curves.get(2), "NAS-Bench-301 configurations give the compact form's curves");
        assertEquals(curves.get(0), curves.get(3));
        assertTrue(curves.get(0).stream().distinct().count() > 30, "the surrogate tells cells apart");
    }

    @Test
    void convertKeepsTheInputOrderAndStopsAtAnInvalidCellNamingTheLine() throws IOException {
        DartsSpace space = new DartsSpace();
        DartsArchitecture a = space.sample(new SplittableRandom(1));
        DartsArchitecture b = space.sample(new SplittableRandom(2));
        ObjectNode config = DartsForms.config(b, Map.of());
        config.put("OptimizerSelector:sgd:momentum", 0.9);
        Path input = dir.resolve("cells.jsonl");
        Files.writeString(input, DartsForms.genotype(a) + "\n" + JSON.writeValueAsString(config) + "\n\n"
                + "{\"arch\": " + a.toJson() + ", \"metrics\": {\"val_acc\": [90]}}\n"
                + "[[[0, 1], [0, 2]], []]\n" + a.toJson() + "\n");
        CliTest.Run r = run("darts", "convert", "--to", "config", "--input", input.toString());
        assertEquals(1, r.code());
        List<JsonNode> out = lines(r.out());
        assertEquals(3, out.size(), r.out());
        assertEquals(a, space.parse(out.get(0)));
        assertEquals(b, space.parse(out.get(1)));
        assertEquals(0.9, out.get(1).get("OptimizerSelector:sgd:momentum").asDouble(), "hyperparameters are kept");
        assertEquals(a, space.parse(out.get(2)));
        assertTrue(r.err().contains("cells.jsonl:5: invalid DARTS cell pair: normal cell: expected 8 edges"), r.err());

        CliTest.Run one = run("darts", "convert", "--to", "compact", "--arch", DartsForms.genotype(a));
        assertEquals(0, one.code(), one.err());
        assertEquals(a.toJson(), JSON.readTree(one.out()));
        assertEquals(2, run("darts", "convert", "--to", "nb101", "--arch", DartsForms.genotype(a)).code());
        assertEquals(2, run("darts", "convert", "--to", "compact").code());
        CliTest.Run bad = run("darts", "convert", "--to", "compact", "--arch", "[[[0, 1], [0, 2]], []]");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--arch: invalid DARTS cell pair"), bad.err());
        assertEquals(2, run("darts", "convert", "--to", "compact", "--arch", "x", "--input", input.toString()).code());
        CliTest.Run help = run("darts", "convert", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--to"), help.out());
    }

    /** A NAS-Bench-301 result file with a learning curve whose level depends on the normal cell's convolutions. */
    private static byte[] resultFile(DartsArchitecture arch, int epochs, SplittableRandom random) throws IOException {
        DartsCell n = arch.normal();
        int convs = 0;
        for (String op : List.of("sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5")) {
            convs += n.count(DartsCell.OPS.indexOf(op));
        }
        double level = 88 + 0.8 * convs + random.nextDouble(-0.2, 0.2);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode config = DartsForms.config(arch, Map.of());
        config.put("NetworkSelectorDatasetInfo:darts:layers", 8);
        root.set("optimized_hyperparamater_config", config);
        root.put("budget", epochs);
        root.putArray("info").addObject().put("val_accuracy", level).put("epochs", epochs);
        root.put("test_accuracy", level - 0.3);
        root.put("runtime", 50.0 * epochs);
        ArrayNode val = root.putObject("learning_curves").putArray("Train/val_accuracy");
        for (int e = 0; e < epochs; e++) {
            val.add(level - 30 * Math.exp(-e / 2.0) + random.nextDouble(-0.1, 0.1));
        }
        return JSON.writeValueAsBytes(root);
    }

    @Test
    void fitsNasBench301ResultFilesWithAndWithoutPadding() throws IOException {
        DartsSpace space = new DartsSpace();
        SplittableRandom random = new SplittableRandom(5);
        Path zip = dir.resolve("nb301.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < 60; i++) {
                out.putNextEntry(new ZipEntry("nb_301/rs/results_" + i + ".json"));
                out.write(resultFile(space.sample(random), 8, random));
                out.closeEntry();
            }
        }
        Path model = dir.resolve("nb301.cbs");
        CliTest.Run fit = run("fit", "--space", "darts", "--format", "nb301", "--data", zip.toString(),
                "--out", model.toString(), "--pad-epochs", "12");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("note: padded 60 of 60 run(s) to 12 epochs with their last value"), fit.err());
        CliTest.Run padded = run("query", "--model", model.toString(), "--arch", space.sample(random).toJson().toString());
        assertEquals(0, padded.code(), padded.err());
        assertEquals(12, JSON.readTree(padded.out()).get("curve").size());
        Path split = dir.resolve("split");
        CliTest.Run s = run("split", "--space", "darts", "--format", "nb301", "--data", zip.toString(),
                "--out-dir", split.toString(), "--seed", "2");
        assertEquals(0, s.code(), s.err());
        Path unpadded = dir.resolve("unpadded.cbs");
        assertEquals(0, run("fit", "--space", "darts", "--data", split.resolve("train.jsonl.gz").toString(),
                "--out", unpadded.toString()).code());
        CliTest.Run eval = run("evaluate", "--model", unpadded.toString(), "--data",
                split.resolve("test.jsonl.gz").toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode report = JSON.readTree(eval.out());
        assertEquals(8, report.get("epochs").asInt());
        assertTrue(report.get("final_kt").asDouble() > 0.4, eval.out());
        CliTest.Run q = run("query", "--model", unpadded.toString(), "--arch",
                DartsForms.genotype(space.sample(random)));
        assertEquals(0, q.code(), q.err());
        assertEquals(8, JSON.readTree(q.out()).get("curve").size());
        CliTest.Run wrong = run("fit", "--space", "darts", "--data", split.resolve("train.jsonl.gz").toString(),
                "--out", dir.resolve("x.cbs").toString(), "--pad-epochs", "98");
        assertEquals(2, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("--pad-epochs applies to --format nb301 only"), wrong.err());
    }

    @Test
    void simulatesTheDartsSpaceAndSaysSo() throws IOException {
        Path out = dir.resolve("sim.jsonl.gz");
        CliTest.Run sim = run("simulate", "--space", "darts", "--archs", "40", "--seeds", "2", "--out", out.toString());
        assertEquals(0, sim.code(), sim.err());
        assertTrue(sim.err().contains("80 SIMULATED DARTS-space runs (40 architectures x 2 seeds, 98 epochs"), sim.err());
        assertEquals(2, run("simulate", "--space", "features", "--out", out.toString()).code());
        Path nb101 = dir.resolve("nb101.jsonl");
        CliTest.Run cells = run("simulate", "--space", "nb101", "--archs", "30", "--seeds", "1", "--epochs", "12",
                "--out", nb101.toString());
        assertEquals(0, cells.code(), cells.err());
        assertTrue(cells.err().contains("30 SIMULATED NB101-space runs"), cells.err());
        assertEquals(30, java.nio.file.Files.readAllLines(nb101).size());
        CliTest.Run demo = run("demo", "--space", "darts", "--archs", "300", "--seeds", "2", "--epochs", "20",
                "--out-dir", dir.resolve("demo").toString(), "--max-rounds", "60");
        assertEquals(0, demo.code(), demo.err());
        assertTrue(demo.out().contains("CurveBench demo on SIMULATED data: a generated DARTS-space benchmark of 300 "
                + "architectures x 2 seeds x 20 epochs (not real NAS-Bench-301 results)"), demo.out());
        JsonNode report = JSON.readTree(dir.resolve("demo/demo-report.json").toFile());
        assertTrue(report.get("data").asText().startsWith("simulated DARTS-space"), report.toString());
        assertTrue(report.get("avg_r2").asDouble() > 0.3 && report.get("final_kt").asDouble() > 0.6, report.toString());
    }
}
