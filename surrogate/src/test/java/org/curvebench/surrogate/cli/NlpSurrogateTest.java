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

    /**
     * A chain of {@code depth} linear/activation nodes ending in h_new_0; curves fall faster for deeper chains,
     * and their level varies from run to run, so that the first epochs carry information.
     */
    private static void writeLog(Path folder, int index, int depth, Random random) throws Exception {
        ObjectNode recipe = JSON.createObjectNode();
        String previous = "x";
        for (int i = 0; i < depth; i++) {
            String name = i == depth - 1 ? "h_new_0" : "node_" + i;
            ObjectNode node = recipe.putObject(name);
            node.put("op", i % 2 == 0 ? "linear" : "activation_tanh");
            ArrayNode inputs = node.putArray("input");
            inputs.add(previous);
            if (i == 0) {
                inputs.add("h_prev_0");
            }
            previous = name;
        }
        ObjectNode log = JSON.createObjectNode();
        log.put("recepie", JSON.writeValueAsString(recipe));
        log.put("status", "OK");
        ArrayNode val = log.putArray("val_losses");
        ArrayNode wall = log.putArray("wall_times");
        double level = 5 + random.nextDouble();
        for (int e = 0; e < 20; e++) {
            val.add(level + 2 * Math.exp(-(e + 1) * depth / 10.0) + 0.01 * random.nextGaussian());
            wall.add(100 + depth);
        }
        Files.writeString(folder.resolve("log_stats_model_" + index + ".json"), JSON.writeValueAsString(log));
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
