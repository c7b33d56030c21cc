package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A space and a graph learner that only this test module registers ({@code org.curvebench.surrogate.toy}) work end
 * to end through the command line: fit, save, load, query and info, with no other change to CurveBench.
 */
class ToyExtensionTest {

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CliTest.Run r = CliTest.run(args);
        return new String[] {Integer.toString(r.code()), r.out(), r.err()};
    }

    /** The true curve of a chain: longer chains learn more. */
    private static double truth(int length, int epoch) {
        return 10.0 * length * (1 - Math.exp(-(epoch + 1) / 3.0));
    }

    @Test
    void aToySpaceAndLearnerFitSaveLoadAndQuery() throws Exception {
        StringBuilder table = new StringBuilder();
        for (int length = 1; length <= 8; length++) {
            for (int seed = 0; seed < 3; seed++) {
                StringBuilder curve = new StringBuilder();
                for (int e = 0; e < 12; e++) {
                    double wobble = 0.1 * Math.sin(7 * length + 3 * seed + e);
                    curve.append(e == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", truth(length, e) + wobble));
                }
                table.append("{\"arch\": ").append(length).append(", \"seed\": ").append(seed)
                        .append(", \"metrics\": {\"val_acc\": [").append(curve).append("]}}\n");
            }
        }
        Path data = dir.resolve("chains.jsonl");
        Files.writeString(data, table.toString());
        Path model = dir.resolve("chains.cbs");
        String[] fit = run("fit", "--space", "toy-chain", "--data", data.toString(), "--out", model.toString(),
                "--regressor", "toy-graph-size", "--components", "2");
        assertEquals("0", fit[0], fit[2]);

        String[] query = run("query", "--model", model.toString(), "--arch", "5");
        assertEquals("0", query[0], query[2]);
        JsonNode curve = new ObjectMapper().readTree(query[1]).get("curve");
        assertEquals(12, curve.size());
        assertEquals(truth(5, 11), curve.get(11).asDouble(), 1.0, "the learner saw graph sizes: " + query[1]);

        JsonNode info = new ObjectMapper().readTree(run("info", "--model", model.toString())[1]);
        assertEquals("toy-chain", info.get("space").asText());
        assertEquals("toy-graph-size", info.get("regressor").get("name").asText());
        assertEquals(8, info.get("regressor").get("hyperparameters").get("max_nodes").asInt());

        String[] unknown = run("fit", "--space", "toy-chain", "--data", data.toString(), "--out", model.toString(),
                "--regressor", "toy-nothing");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].contains("toy-graph-size"), "registered learners are listed: " + unknown[2]);
    }
}
