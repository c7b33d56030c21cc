package org.curvebench.surrogate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.curvebench.datasets.DatasetSplit;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --report}: one self-contained HTML page whose figures agree with the evaluation. */
class HtmlReportTest {

    @TempDir
    Path dir;

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void reportPageHasTheTableAndFiguresAndNeedsNothingElse() throws Exception {
        DatasetSplit split = DatasetSplit.of(SimulatedNb201Benchmark.generate(240, 3, 20, 5).dataset(), 0.75, 0, 1);
        Path train = dir.resolve("train.jsonl.gz");
        Path test = dir.resolve("test.jsonl.gz");
        CurveTableWriter.write(split.train(), train);
        CurveTableWriter.write(split.test(), test);
        Path model = dir.resolve("m.cbs");
        assertEquals(0, Main.run("fit", "--space", "nb201", "--data", train.toString(), "--out", model.toString(),
                "--max-rounds", "40"));
        Path page = dir.resolve("report.html");
        CliTest.Run run = CliTest.run("evaluate", "--model", model.toString(), "--data", test.toString(), "--json",
                "--report", page.toString());
        assertEquals(0, run.code(), run.err());
        String html = Files.readString(page);
        int n = split.test().size();
        assertEquals(5, count(html, "<svg"), "three scatter plots, agreement per epoch, noise");
        assertEquals(3 * n, count(html, "<circle"), "one point per held-out architecture in each scatter plot");
        assertEquals(2 + 2, count(html, "<polyline"), "R2 and tau; data and surrogate spread");
        assertTrue(html.contains("<pre>") && html.contains("final"), "the evaluation table");
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href="), "self-contained");

        JsonNode json = new ObjectMapper().readTree(run.out());
        Matcher last = Pattern.compile("epoch 20: R² ([-0-9.]+), tau ([-0-9.]+)").matcher(html);
        assertTrue(last.find(), "the last epoch's scatter plot names its R2 and tau");
        assertEquals(String.format(Locale.ROOT, "%.3f", json.get("final_r2").asDouble()), last.group(1));
        assertEquals(String.format(Locale.ROOT, "%.3f", json.get("final_kt").asDouble()), last.group(2));
    }
}
