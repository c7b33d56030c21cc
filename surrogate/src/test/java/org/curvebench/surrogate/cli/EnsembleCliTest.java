package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --ensemble N} and {@code query --uncertainty}: the members' spread around the mean curve; and the GIN
 * flags, which belong to the {@code gin} regressor alone.
 */
class EnsembleCliTest {

    @TempDir
    Path dir;

    @Test
    void anEnsembleGivesItsMembersSpread() throws Exception {
        Path data = dir.resolve("train.jsonl");
        CurveTableWriter.write(SimulatedNb201Benchmark.generate(300, 1, 12, 4).dataset(), data);
        Path ensemble = dir.resolve("e.cbs");
        Path single = dir.resolve("s.cbs");
        CliTest.Run fit = CliTest.run("fit", "--space", "nb201", "--data", data.toString(), "--out", ensemble.toString(),
                "--ensemble", "3", "--max-rounds", "40");
        assertEquals(0, fit.code(), fit.err());
        assertEquals(0, CliTest.run("fit", "--space", "nb201", "--data", data.toString(), "--out", single.toString(),
                "--max-rounds", "40").code());
        String arch = "|nor_conv_3x3~0|+|skip_connect~0|none~1|+|nor_conv_1x1~0|avg_pool_3x3~1|nor_conv_3x3~2|";

        CliTest.Run q = CliTest.run("query", "--model", ensemble.toString(), "--arch", arch, "--uncertainty");
        assertEquals(0, q.code(), q.err());
        JsonNode o = new ObjectMapper().readTree(q.out());
        assertEquals(12, o.get("curve").size());
        assertEquals(12, o.get("spread").size());
        double widest = 0;
        for (JsonNode v : o.get("spread")) {
            assertTrue(v.asDouble() >= 0);
            widest = Math.max(widest, v.asDouble());
        }
        assertTrue(widest > 0, "members fitted on other resamples disagree somewhere: " + o.get("spread"));
        JsonNode plain = new ObjectMapper().readTree(CliTest.run("query", "--model", ensemble.toString(), "--arch", arch).out());
        for (int e = 0; e < 12; e++) {
            assertEquals(plain.get("curve").get(e).asDouble(), o.get("curve").get(e).asDouble(), 1e-6);
        }
        JsonNode info = new ObjectMapper().readTree(CliTest.run("info", "--model", ensemble.toString()).out());
        assertEquals(3, info.get("regressor").get("hyperparameters").get("ensemble").asInt());
        assertEquals("folds", info.get("regressor").get("hyperparameters").get("ensemble_resampling").asText());

        CliTest.Run notEnsemble = CliTest.run("query", "--model", single.toString(), "--arch", arch, "--uncertainty");
        assertEquals(2, notEnsemble.code());
        assertTrue(notEnsemble.err().contains("--ensemble"), notEnsemble.err());
        assertEquals(2, CliTest.run("fit", "--space", "nb201", "--data", data.toString(), "--out", single.toString(),
                "--ensemble", "0").code());
    }

    @Test
    void resamplingIsChosenByNameAndNeedsAnEnsemble() throws Exception {
        Path data = dir.resolve("train.jsonl");
        CurveTableWriter.write(SimulatedNb201Benchmark.generate(120, 1, 8, 5).dataset(), data);
        Path out = dir.resolve("b.cbs");
        CliTest.Run boot = CliTest.run("fit", "--space", "nb201", "--data", data.toString(), "--out", out.toString(),
                "--ensemble", "2", "--ensemble-resampling", "bootstrap", "--max-rounds", "10");
        assertEquals(0, boot.code(), boot.err());
        JsonNode info = new ObjectMapper().readTree(CliTest.run("info", "--model", out.toString()).out());
        assertEquals("bootstrap", info.get("regressor").get("hyperparameters").get("ensemble_resampling").asText());

        CliTest.Run unknown = CliTest.run("fit", "--space", "nb201", "--data", data.toString(), "--out",
                dir.resolve("u.cbs").toString(), "--ensemble", "2", "--ensemble-resampling", "jackknife");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("--ensemble-resampling") && unknown.err().contains("folds, bootstrap"),
                unknown.err());
        CliTest.Run alone = CliTest.run("fit", "--space", "nb201", "--data", data.toString(), "--out",
                dir.resolve("a.cbs").toString(), "--ensemble-resampling", "folds");
        assertEquals(2, alone.code(), alone.err());
        assertTrue(alone.err().contains("--ensemble N"), alone.err());
        assertTrue(java.nio.file.Files.notExists(dir.resolve("u.cbs")) && java.nio.file.Files.notExists(dir.resolve("a.cbs")));
    }

    @Test
    void ginFlagsWithAnotherRegressorAreUsageErrorsNamingTheFlag() {
        CliTest.Run r = CliTest.run("fit", "--space", "nb201", "--data", dir.resolve("none.jsonl").toString(), "--out",
                dir.resolve("x.cbs").toString(), "--gin-layers", "3");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--gin-layers") && r.err().contains("oblivious"), r.err());
    }
}
