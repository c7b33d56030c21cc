package org.curvebench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.curvebench.core.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegretTest {

    private static List<Trajectory> runs(Benchmark bench) {
        return new Search(new TrialRunner(bench, new ConstantEpochTime(1), 500), 1, 2)
                .run(List.of(OptimizerSpec.plain(OptimizerProvider.installed().get("rs")),
                        OptimizerSpec.plain(OptimizerProvider.installed().get("re"))), 5, 1, Progress.NONE);
    }

    @Test
    void exactReferenceIsTheBestOfAllAndRegretIsItsShortfall() {
        BitsBenchmark bench = new BitsBenchmark(true);
        List<Trajectory> runs = runs(bench);
        Regret regret = Regret.score(bench, runs, 0, 0);
        assertTrue(regret.reference().exact());
        assertEquals(BitsSpace.SIZE, regret.reference().scored());
        assertEquals("10110100", regret.reference().bestArchitecture());
        for (Trajectory t : runs) {
            for (Evaluation e : t.evaluations()) {
                assertEquals(regret.reference().best() - bench.meanFinal(e.incumbent()), regret.of(e), 1e-12);
                assertTrue(regret.of(e) >= 0);
            }
        }
    }

    @Test
    void sampledReferenceSaysSoAndCoversEveryTrainedArchitecture() {
        BitsBenchmark bench = new BitsBenchmark(false);
        List<Trajectory> runs = runs(bench);
        Regret regret = Regret.score(bench, runs, 10, 3);
        assertFalse(regret.reference().exact());
        assertEquals("sample", regret.reference().kind());
        assertTrue(regret.reference().describe().contains("not the exact optimum"));
        for (Trajectory t : runs) {
            for (Evaluation e : t.evaluations()) {
                assertTrue(bench.meanFinal(e.architecture()) <= regret.reference().best());
            }
        }
    }

    @Test
    void runsFileAndSummaryAgreeWithTheTrajectories(@TempDir Path dir) throws Exception {
        BitsBenchmark bench = new BitsBenchmark(true);
        List<Trajectory> runs = runs(bench);
        Regret regret = Regret.score(bench, runs, 0, 0);
        Path out = dir.resolve("runs.jsonl");
        RunsFile.write(out, runs, regret);
        List<String> lines = Files.readAllLines(out);
        assertEquals(runs.stream().mapToInt(t -> t.evaluations().size()).sum(), lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        Evaluation e0 = runs.get(0).evaluations().get(0);
        assertEquals("rs", first.get("optimizer").asText());
        assertEquals(e0.architecture().canonicalKey(), first.get("arch").asText());
        assertEquals(e0.seconds(), first.get("seconds").asDouble());
        assertEquals(regret.of(e0), first.get("regret").asDouble());
        assertEquals("exact", first.get("reference").asText());

        List<RegretSummary.Row> rows = RegretSummary.of(runs, regret, 500);
        assertEquals(List.of("rs", "re"), rows.stream().map(RegretSummary.Row::optimizer).toList());
        double finalMean = runs.stream().filter(t -> t.label().equals("re"))
                .mapToDouble(t -> regret.of(t.evaluations().get(t.evaluations().size() - 1))).average().orElseThrow();
        assertEquals(finalMean, rows.get(1).mean()[RegretSummary.FRACTIONS.length - 1], 1e-12);
        assertEquals(5, rows.get(1).trials()[RegretSummary.FRACTIONS.length - 1]);
        String table = RegretSummary.format(rows, regret.reference());
        assertTrue(table.contains("exact: best of all 256 architectures"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("re ")), table);
    }
}
