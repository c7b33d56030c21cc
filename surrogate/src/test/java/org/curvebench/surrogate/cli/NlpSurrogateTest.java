package org.curvebench.surrogate.cli;

import static org.curvebench.surrogate.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NLP11-style surrogates: NAS-Bench-NLP logs in, observed first epochs as features, recipes as queries. */
class NlpSurrogateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED_LOGS = Path.of(System.getProperty("curvebench.shared", "../../shared"))
            .resolve("data/nasbench-nlp-wikitext2/logs.zip");

    @TempDir
    Path dir;

    /** A chain of {@code depth} nodes ending in h_new_0, alternating linear and {@code activation}. */
    private static String recipe(int depth, String activation) throws Exception {
        ObjectNode recipe = JSON.createObjectNode();
        String previous = "x";
        for (int i = 0; i < depth; i++) {
            String name = i == depth - 1 ? "h_new_0" : "node_" + i;
            ObjectNode node = recipe.putObject(name);
            node.put("op", i % 2 == 0 ? "linear" : activation);
            ArrayNode inputs = node.putArray("input");
            inputs.add(previous);
            if (i == 0) {
                inputs.add("h_prev_0");
            }
            previous = name;
        }
        return JSON.writeValueAsString(recipe);
    }

    private static void writeLog(Path folder, String name, String recipe, double[] valLosses, double seconds)
            throws Exception {
        ObjectNode log = JSON.createObjectNode();
        log.put("recepie", recipe);
        log.put("status", "OK");
        ArrayNode val = log.putArray("val_losses");
        ArrayNode wall = log.putArray("wall_times");
        for (double v : valLosses) {
            val.add(v);
            wall.add(seconds);
        }
        Files.writeString(folder.resolve("log_stats_model_" + name + ".json"), JSON.writeValueAsString(log));
    }

    /**
     * A chain of {@code depth} linear/activation nodes ending in h_new_0; curves fall faster for deeper chains,
     * and their level varies from run to run, so that the first epochs carry information.
     */
    private static void writeLog(Path folder, int index, int depth, Random random) throws Exception {
        double level = 5 + random.nextDouble();
        double[] val = new double[20];
        for (int e = 0; e < 20; e++) {
            val[e] = level + 2 * Math.exp(-(e + 1) * depth / 10.0) + 0.01 * random.nextGaussian();
        }
        writeLog(folder, Integer.toString(index), recipe(depth, "activation_tanh"), val, 100 + 10 * depth);
    }

    /**
     * Logs of 36 cells whose loss ends at a value set by the cell alone, after a start {@code spike} above it
     * (drawn from [spikeFrom, spikeFrom + 3)) that fades within a few epochs: the observed start says how a run
     * began, not where it ends.
     */
    private static void writeSpikedLogs(Path folder, int runsPerCell, double spikeFrom, Random random) throws Exception {
        String[] activations = {"activation_tanh", "activation_sigm", "activation_leaky_relu"};
        for (int depth = 1; depth <= 12; depth++) {
            for (int a = 0; a < activations.length; a++) {
                for (int r = 0; r < runsPerCell; r++) {
                    double spike = spikeFrom + 3 * random.nextDouble();
                    double[] val = new double[20];
                    for (int e = 0; e < 20; e++) {
                        val[e] = 4.5 + 0.15 * depth + 0.3 * a + 0.8 * Math.exp(-(e + 1) * depth / 10.0)
                                + spike * Math.exp(-e / 1.5) + 0.01 * random.nextGaussian();
                    }
                    writeLog(folder, depth + "_" + a + "_" + r, recipe(depth, activations[a]), val, 100);
                }
            }
        }
    }

    @Test
    void startsFarAboveEveryTrainingStartStillPredictTheEnd() throws Exception {
        Random random = new Random(2);
        Path train = Files.createDirectories(dir.resolve("train"));
        Path test = Files.createDirectories(dir.resolve("test"));
        writeSpikedLogs(train, 4, 0, random);
        writeSpikedLogs(test, 2, 12, random);
        Path model = dir.resolve("nlp.cbs");
        CliTest.Run fit = run("fit", "--space", "nlp", "--format", "nasbench-nlp", "--data", train.toString(),
                "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        CliTest.Run eval = run("evaluate", "--model", model.toString(), "--format", "nasbench-nlp", "--data",
                test.toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode report = JSON.readTree(eval.out());
        assertEquals(34, report.get("n_archs").asInt(), "the depth-1 chains are one cell");
        assertTrue(report.get("final_r2").asDouble() > 0.8, "the end is the cell's, whatever the start: " + eval.out());
        assertTrue(report.get("avg_r2").asDouble() > 0.5, "the spike fades as it was seen to fade: " + eval.out());

        String cell = recipe(5, "activation_sigm");
        CliTest.Run query = run("query", "--model", model.toString(), "--arch", cell, "--observed", "19,12,8");
        assertEquals(0, query.code(), query.err());
        JsonNode curve = JSON.readTree(query.out()).get("curve");
        assertEquals(8, curve.get(2).asDouble(), 0.05, "the curve meets the last observed value: " + query.out());
        double end = 4.5 + 0.15 * 5 + 0.3 + 0.8 * Math.exp(-20 * 5 / 10.0);
        assertEquals(end, curve.get(19).asDouble(), 0.25, query.out());
        double next = curve.get(3).asDouble();
        assertTrue(next < 8 && next > curve.get(19).asDouble() + 0.7, "the start still fades after it: " + query.out());
    }

    @Test
    void aShiftSplitWritesTheHighestStartsToTest() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        writeSpikedLogs(logs, 2, 0, new Random(3));
        Path out = dir.resolve("shift");
        CliTest.Run split = run("split", "--space", "nlp", "--format", "nasbench-nlp", "--data", logs.toString(),
                "--by", "first-epoch", "--test-fraction", "0.25", "--out-dir", out.toString());
        assertEquals(0, split.code(), split.err());
        // 34 cells: the three depth-1 chains differ only in an activation they do not have
        assertTrue(split.err().contains("train: 26 architectures (56 runs); test: 8 architectures (16 runs)"), split.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "first-epoch val_loss: train ([0-9.]+) to ([0-9.]+), test ([0-9.]+) to ([0-9.]+)").matcher(split.err());
        assertTrue(m.find(), split.err());
        assertTrue(Double.parseDouble(m.group(2)) <= Double.parseDouble(m.group(3)), split.err());
        try (var files = Files.list(out.resolve("test"))) {
            assertEquals(16, files.count());
        }
        double highestTrainRun = firstLosses(out.resolve("train")).max().orElseThrow();
        double highestTestRun = firstLosses(out.resolve("test")).max().orElseThrow();
        assertTrue(highestTestRun > highestTrainRun, "the highest start is in test: " + highestTestRun);

        assertEquals(2, run("split", "--space", "nlp", "--format", "nasbench-nlp", "--data", logs.toString(),
                "--by", "sideways", "--out-dir", out.toString()).code());
        assertEquals(2, run("split", "--space", "nlp", "--format", "nasbench-nlp", "--data", logs.toString(),
                "--metric", "train_loss", "--out-dir", out.toString()).code(), "--metric needs --by first-epoch");
    }

    /** The first-epoch val_loss of each log in a folder. */
    private static java.util.stream.DoubleStream firstLosses(Path folder) throws Exception {
        List<Double> firsts = new java.util.ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                firsts.add(JSON.readTree(f.toFile()).get("val_losses").get(0).asDouble());
            }
        }
        return firsts.stream().mapToDouble(Double::doubleValue);
    }

    @Test
    void fitsQueriesAndEvaluatesWithObservedEpochs() throws Exception {
        Random random = new Random(1);
        Path train = Files.createDirectories(dir.resolve("train"));
        Path test = Files.createDirectories(dir.resolve("test"));
        for (int i = 0; i < 120; i++) {
            writeLog(train, i, 1 + i % 12, random);
        }
        for (int i = 0; i < 24; i++) {
            writeLog(test, i, 1 + i % 12, random);
        }
        Path model = dir.resolve("nlp.cbs");
        CliTest.Run fit = run("fit", "--space", "nlp", "--format", "nasbench-nlp", "--data", train.toString(),
                "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("of val_loss"), "val_loss is the nlp default: " + fit.err());

        String recipe = "{\"h_new_0\": {\"op\": \"linear\", \"input\": [\"x\", \"h_prev_0\"]}}";
        CliTest.Run missing = run("query", "--model", model.toString(), "--arch", recipe);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("needs the first 3 observed epochs"), missing.err());
        CliTest.Run query = run("query", "--model", model.toString(), "--arch", recipe, "--observed", "7.1,6.9,6.8");
        assertEquals(0, query.code(), query.err());
        JsonNode curve = JSON.readTree(query.out());
        assertEquals(20, curve.get("epochs").asInt());
        assertEquals("linear", curve.get("arch").get("h_new_0").get("op").asText());

        CliTest.Run eval = run("evaluate", "--model", model.toString(), "--format", "nasbench-nlp", "--data",
                test.toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode report = JSON.readTree(eval.out());
        assertTrue(report.get("avg_r2").asDouble() > 0.8, eval.out());
        assertEquals(12, report.get("n_archs").asInt(), "each test recipe was trained twice: " + eval.out());
        assertEquals(1, report.get("tabular").size(), "two runs per recipe: the 1-seed tabular comparison");

        CliTest.Run x11Curve = run("fit", "--space", "nlp", "--format", "nasbench-nlp", "--data", train.toString(),
                "--metric", "val_loss_x11", "--observed-epochs", "0", "--out", dir.resolve("x11.cbs").toString());
        assertEquals(0, x11Curve.code(), x11Curve.err());
        CliTest.Run plain = run("query", "--model", dir.resolve("x11.cbs").toString(), "--arch", recipe);
        assertTrue(JSON.readTree(plain.out()).get("curve").get(19).asDouble() > 90, "100 - val_loss: " + plain.out());
    }

    @Test
    void aMultiMetricSurrogateAnswersEveryMetric() throws Exception {
        Random random = new Random(4);
        Path train = Files.createDirectories(dir.resolve("train"));
        Path test = Files.createDirectories(dir.resolve("test"));
        for (int i = 0; i < 120; i++) {
            writeLog(train, i, 1 + i % 12, random);
        }
        for (int i = 0; i < 24; i++) {
            writeLog(test, i, 1 + i % 12, random);
        }
        Path model = dir.resolve("multi.cbs");
        CliTest.Run fit = run("fit", "--space", "nlp", "--format", "nasbench-nlp", "--data", train.toString(),
                "--metrics", "all", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("of val_loss (and epoch_seconds)"), fit.err());
        assertTrue(fit.err().contains("noise correlation"), fit.err());

        String recipe = recipe(4, "activation_tanh");
        CliTest.Run query = run("query", "--model", model.toString(), "--arch", recipe, "--observed", "6.5,6.2,6.0",
                "--metrics", "all", "--noise", "--seed", "2");
        assertEquals(0, query.code(), query.err());
        JsonNode curves = JSON.readTree(query.out()).get("curves");
        assertEquals(20, curves.get("val_loss").size());
        assertEquals(140, curves.get("epoch_seconds").get(10).asDouble(), 10, "100 + 10 * depth: " + query.out());
        CliTest.Run single = run("query", "--model", model.toString(), "--arch", recipe, "--observed", "6.5,6.2,6.0");
        assertTrue(JSON.readTree(single.out()).has("curve"), "without --metrics, the primary metric's curve: " + single.out());
        CliTest.Run unknown = run("query", "--model", model.toString(), "--arch", recipe, "--observed", "6.5,6.2,6.0",
                "--metrics", "val_loss,test_acc");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--metrics") && unknown.err().contains("val_loss, epoch_seconds"), unknown.err());

        Path batch = dir.resolve("batch.jsonl");
        Files.writeString(batch, "{\"arch\": " + recipe + ", \"observed\": [6.5, 6.2, 6.0], \"seed\": 2, "
                + "\"metrics\": [\"epoch_seconds\"]}\n{\"arch\": " + recipe + ", \"observed\": [6.5, 6.2, 6.0]}\n");
        CliTest.Run lines = run("query", "--model", model.toString(), "--batch", batch.toString());
        assertEquals(0, lines.code(), lines.err());
        String[] answers = lines.out().split("\n");
        JsonNode first = JSON.readTree(answers[0]);
        assertEquals(1, first.get("curves").size(), answers[0]);
        assertEquals(curves.get("epoch_seconds"), first.get("curves").get("epoch_seconds"),
                "seed 2's seconds are the same asked alone or with every metric");
        assertTrue(JSON.readTree(answers[1]).has("curve"), answers[1]);
        assertEquals(2, run("query", "--model", model.toString(), "--batch", batch.toString(), "--metrics", "all",
                "--output-format", "npy", "--out", dir.resolve("x.npy").toString()).code(), "npy holds one metric");

        CliTest.Run eval = run("evaluate", "--model", model.toString(), "--format", "nasbench-nlp", "--data",
                test.toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode report = JSON.readTree(eval.out());
        assertEquals("val_loss", report.get("metric").asText());
        assertEquals("epoch_seconds", report.get("metrics").get("epoch_seconds").get("metric").asText());
        assertTrue(report.get("total_time").get("mape_percent").asDouble() < 3, eval.out());
        assertTrue(report.get("total_time").get("kt").asDouble() > 0.8, eval.out());

        CliTest.Run info = run("info", "--model", model.toString());
        assertEquals("[\"val_loss\",\"epoch_seconds\"]", JSON.readTree(info.out()).get("metrics").toString(), info.out());
        CliTest.Run missing = run("fit", "--space", "nlp", "--format", "nasbench-nlp", "--data", train.toString(),
                "--metrics", "val_loss,train_loss", "--out", dir.resolve("no.cbs").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("--metrics: not every run of the data has 'train_loss'"), missing.err());
    }

    @Test
    void onTheSharedWikiText2Logs() throws Exception {
        assumeTrue(Files.exists(SHARED_LOGS), "shared NAS-Bench-NLP logs absent");
        Path split = dir.resolve("split");
        CliTest.Run s = run("split", "--space", "nlp", "--format", "nasbench-nlp", "--data", SHARED_LOGS.toString(),
                "--out-dir", split.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.err().contains("left out 2 run(s)"), s.err());
        Path model = dir.resolve("nlp11.cbs");
        assertEquals(0, run("fit", "--space", "nlp", "--format", "nasbench-nlp", "--data", split.resolve("train").toString(),
                "--out", model.toString()).code());
        CliTest.Run eval = run("evaluate", "--model", model.toString(), "--format", "nasbench-nlp", "--data",
                split.resolve("test").toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode report = JSON.readTree(eval.out());
        assertEquals(40, report.get("n_archs").asInt());
        assertTrue(report.get("avg_kt").asDouble() > 0.7, "three observed epochs rank the curves: " + eval.out());
    }
}
