package org.curvebench.search.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.curvebench.surrogate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {

    @TempDir
    Path dir;
    private final Path model = SearchFixture.MODEL;
    private final Path table = SearchFixture.TABLE;

    private String[] searchArgs(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("search", "--model", model.toString(), "--optimizer",
                "rs,re,re+wpm,hb", "--budget-seconds", "3000", "--trials", "3", "--seed", "4", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void searchesWithExactRegretAndTheSameBytesForTheSameSeed() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(searchArgs(a, "--summary")));
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, Main.run(searchArgs(b, "--threads", "1")));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        ObjectMapper json = new ObjectMapper();
        Set<String> optimizers = new HashSet<>();
        for (String line : Files.readAllLines(a)) {
            JsonNode n = json.readTree(line);
            optimizers.add(n.get("optimizer").asText());
            assertTrue(n.get("seconds").asDouble() <= 3000);
            assertTrue(n.get("regret").asDouble() >= 0, line);
            assertEquals("exact", n.get("reference").asText());
            assertTrue(n.get("arch").asText().startsWith("|"));
            // 15 s per epoch, the nb201 constant: every training is a whole number of epochs
            assertEquals(0, n.get("seconds").asDouble() % 15, 1e-9);
        }
        assertEquals(Set.of("rs", "re", "re+wpm", "hb"), optimizers);
        String summary = captured.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("exact: best of all 15625 architectures"), summary);
        assertTrue(summary.lines().anyMatch(l -> l.startsWith("re+wpm")), summary);
    }

    @Test
    void aSurrogateWithEpochSecondsChargesItsPredictedTrainingTime() throws IOException {
        Path multi = dir.resolve("timed.cbs");
        assertEquals(0, Main.run("fit", "--space", "nb201", "--data", table.toString(), "--metrics",
                "val_acc,epoch_seconds", "--max-rounds", "20", "--out", multi.toString()));
        org.curvebench.surrogate.CurveSurrogate s = org.curvebench.surrogate.SurrogateFiles.installed().load(multi);
        org.curvebench.search.TrainingTime time = org.curvebench.search.SurrogateEpochTime.of(s).orElseThrow();
        Path out = dir.resolve("timed.jsonl");
        assertEquals(0, Main.run("search", "--model", multi.toString(), "--optimizer", "rs", "--budget-seconds",
                "5000", "--trials", "1", "--seed", "2", "--out", out.toString()));
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 2, "too few trainings: " + lines);
        double clock = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            org.curvebench.encoding.Architecture a = s.space().parse(row.get("arch"));
            double[] perEpoch = s.forMetric("epoch_seconds").meanCurve(a).toArray();
            double expected = 0;
            for (int e = 0; e < row.get("epochs").asInt(); e++) {
                expected += Math.max(0, perEpoch[e]);
            }
            assertEquals(expected, time.seconds(a, row.get("epochs").asInt()), 1e-9);
            clock += expected;
            assertEquals(clock, row.get("seconds").asDouble(), 1e-6 * clock, line);
        }
        assertTrue(clock <= 5000);
        assertTrue(org.curvebench.search.SurrogateEpochTime.of(
                org.curvebench.surrogate.SurrogateFiles.installed().load(model)).isEmpty());
    }

    @Test
    void replaysATableOfRuns() throws IOException {
        Path out = dir.resolve("table.jsonl");
        assertEquals(0, Main.run("search", "--data", table.toString(), "--space", "nb201", "--optimizer", "re,sh",
                "--budget-seconds", "2000", "--trials", "2", "--out", out.toString()));
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 10);
        assertTrue(lines.stream().allMatch(l -> l.contains("\"reference\":\"exact\"")));
    }

    @Test
    void usageErrorsExitWith2() {
        Path out = dir.resolve("never.jsonl");
        assertEquals(2, Main.run("search", "--model", model.toString(), "--optimizer", "nope", "--budget-seconds", "10",
                "--out", out.toString()));
        assertEquals(2, Main.run("search", "--model", model.toString(), "--optimizer", "hb+wpm", "--budget-seconds",
                "10", "--out", out.toString()));
        assertEquals(2, Main.run("search", "--model", model.toString(), "--optimizer", "re", "--out", out.toString()));
        assertEquals(2, Main.run("search", "--model", model.toString(), "--optimizer", "re", "--budget-seconds", "-1",
                "--out", out.toString()));
        assertEquals(2, Main.run("search", "--data", model.toString(), "--optimizer", "re", "--budget-seconds", "10",
                "--out", out.toString()));
        assertEquals(0, Main.run("search", "--help"));
        assertTrue(Files.notExists(out));
    }
}
