package org.curvebench.surrogate.cli;

import static org.curvebench.surrogate.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NB111-style surrogates from NAS-Bench-101 training runs (results.json layout) and the simulated NB101 demo. */
class Nb101SurrogateTest {

    private static final Path RUNS = Path.of(System.getProperty("curvebench.shared", "../../shared"))
            .resolve("data/nasbench101-ecnas-4v");

    @TempDir
    Path dir;

    @Test
    void fitsEvaluatesAndQueriesRealTrainingRuns() throws Exception {
        assumeTrue(Files.exists(RUNS.resolve("runs.zip")), "shared NAS-Bench-101 runs absent");
        Path split = dir.resolve("split");
        String graphs = RUNS.resolve("graphs.json").toString();
        assertEquals(0, run("split", "--space", "nb101", "--format", "nb101-results", "--data",
                RUNS.resolve("runs.zip").toString(), "--graphs", graphs, "--out-dir", split.toString()).code());
        Path model = dir.resolve("nb111.cbs");
        CliTest.Run fit = run("fit", "--space", "nb101", "--data", split.resolve("train.jsonl.gz").toString(),
                "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("using 3 SVD components instead of 5"), fit.err());
        CliTest.Run eval = run("evaluate", "--model", model.toString(), "--data", split.resolve("test.jsonl.gz").toString(),
                "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode report = new ObjectMapper().readTree(eval.out());
        assertEquals(3, report.get("seeds").asInt());
        assertTrue(report.get("final_kt").asDouble() > 0.5, eval.out());
        CliTest.Run query = run("query", "--model", model.toString(), "--arch",
                "{\"adjacency\": [[0,1,1,0],[0,0,0,1],[0,0,0,1],[0,0,0,0]], \"ops\": [-1, 0, 2, -2]}");
        assertEquals(0, query.code(), query.err());
        assertEquals(3, new ObjectMapper().readTree(query.out()).get("curve").size());

        CliTest.Run wrong = run("fit", "--space", "nb101", "--format", "table", "--data",
                split.resolve("train.jsonl.gz").toString(), "--graphs", graphs, "--out", dir.resolve("x.cbs").toString());
        assertEquals(2, wrong.code(), "a flag that does not apply is a usage error");
        assertTrue(wrong.err().contains("--graphs applies to --format nb101-results only"), wrong.err());
    }

    @Test
    void theDemoRunsOnTheSimulatedNb101Space() {
        CliTest.Run demo = run("demo", "--space", "nb101", "--archs", "300", "--epochs", "20", "--out-dir",
                dir.resolve("out").toString());
        assertEquals(0, demo.code(), demo.err());
        assertTrue(demo.out().contains("SIMULATED") && demo.out().contains("surrogate -> mean of runs"), demo.out());
        assertTrue(Files.exists(dir.resolve("out/demo-nb101.cbs")) && Files.exists(dir.resolve("out/demo-report.json")));
        CliTest.Run nlp = run("demo", "--space", "nlp");
        assertEquals(2, nlp.code(), nlp.err());
        assertTrue(nlp.err().contains("Invalid value for option '--space'"), nlp.err());
    }
}
