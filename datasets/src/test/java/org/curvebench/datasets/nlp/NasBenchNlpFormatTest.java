package org.curvebench.datasets.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.DatasetFormats;
import org.curvebench.datasets.Metrics;
import org.curvebench.core.Progress;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.nlp.NlpRecipe;
import org.curvebench.encoding.nlp.NlpSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NasBenchNlpFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NlpSpace SPACE = new NlpSpace();
    private final NasBenchNlpFormat format = new NasBenchNlpFormat();

    private static final String CELL = "{\"a\": {\"op\": \"linear\", \"input\": [\"x\", \"h_prev_0\"]}, "
            + "\"h_new_0\": {\"op\": \"activation_tanh\", \"input\": [\"a\"]}}";
    private static final String CELL_RENAMED = "{\"h_new_0\": {\"op\": \"activation_tanh\", \"input\": [\"lin\"]}, "
            + "\"lin\": {\"op\": \"linear\", \"input\": [\"h_prev_0\", \"x\"]}}";
    private static final String OTHER_CELL = "{\"h_new_0\": {\"op\": \"linear\", \"input\": [\"x\", \"h_prev_0\"]}}";

    @TempDir
    Path dir;

    /** A log as NAS-Bench-NLP writes it: the recipe as a string, losses per epoch, seconds per epoch. */
    private static String log(String recipe, String status, String val, int epochs) {
        ObjectNode o = JSON.createObjectNode();
        o.put("recepie_id", 1);
        o.put("epochs", 50);
        o.put("recepie", recipe);
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        StringBuilder wall = new StringBuilder();
        for (int e = 0; e < epochs; e++) {
            String sep = e == 0 ? "" : ", ";
            train.append(sep).append(6.0 - e * 0.1);
            test.append(sep).append(5.5 - e * 0.1);
            wall.append(sep).append(400.0 + e);
        }
        String head = o.toString();
        return head.substring(0, head.length() - 1) + ", \"status\": \"" + status + "\", \"train_losses\": [" + train
                + "], \"val_losses\": [" + val + "], \"test_losses\": [" + test + "], \"wall_times\": [" + wall + "]}";
    }

    private static String losses(double start, int epochs) {
        return java.util.stream.IntStream.range(0, epochs).mapToObj(e -> Double.toString(start - e * 0.1))
                .collect(Collectors.joining(", "));
    }

    private Map<String, String> fixture() {
        Map<String, String> files = new TreeMap<>();
        files.put("log_stats_model_1_a.json", log(CELL, "OK", losses(5.0, 4), 4));
        files.put("log_stats_model_2_b.json", log(OTHER_CELL, "OK", losses(5.5, 4), 4));
        files.put("log_stats_model_3_c.json", log(CELL_RENAMED, "OK", losses(5.1, 4), 4));
        files.put("log_stats_model_4_nan.json", log(OTHER_CELL, "loss is nan!", "NaN", 1));
        files.put("log_stats_model_5_short.json", log(CELL, "OK", losses(5.0, 2), 2));
        files.put("log_stats_model_6_nanvalue.json", log(CELL, "OK", "5.0, 4.9, NaN, 4.7", 4));
        files.put("notes.json", "{}");
        files.put("README.txt", "not a log");
        return files;
    }

    private Path writeFolder(Map<String, String> files) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("logs"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        return folder;
    }

    private Path writeZip(Map<String, String> files) throws IOException {
        Path zip = dir.resolve("logs.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry("logs/" + f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void isRegistered() {
        assertEquals(NasBenchNlpFormat.NAME, DatasetFormats.installed().get("nasbench-nlp").name());
    }

    @Test
    void readsAFolderGroupingRunsOfOneCellAsSeeds() throws IOException {
        CurveDataset data = format.read(writeFolder(fixture()), SPACE, Progress.NONE);
        checkFixture(data);
    }

    @Test
    void readsAZipAlike() throws IOException {
        CurveDataset data = format.read(writeZip(fixture()), SPACE, Progress.NONE);
        checkFixture(data);
        assertTrue(data.skipped().get(0).contains("logs.zip!logs/"), data.skipped().get(0));
    }

    private static void checkFixture(CurveDataset data) {
        assertEquals(2, data.size());
        assertEquals(3, data.runCount());
        ArchitectureRuns cell = data.architectures().get(0);
        assertEquals(List.of(0, 1), cell.runs().stream().map(TrainingRun::seed).toList());
        assertEquals(5.0, cell.runs().get(0).curve(Metrics.VAL_LOSS).get(0));
        assertEquals(5.1, cell.runs().get(1).curve(Metrics.VAL_LOSS).get(0));
        assertEquals(0, data.architectures().get(1).runs().get(0).seed());

        TrainingRun first = cell.runs().get(0);
        assertEquals(List.of(Metrics.VAL_LOSS, Metrics.TRAIN_LOSS, Metrics.TEST_LOSS, Metrics.VAL_LOSS_X11),
                List.copyOf(first.metrics().keySet()));
        assertArrayEquals(new double[] {95.0, 95.1, 95.2, 95.3}, first.curve(Metrics.VAL_LOSS_X11).toArray(), 1e-12);
        assertArrayEquals(new double[] {400, 401, 402, 403}, first.epochSeconds().orElseThrow().toArray());
        assertEquals(4, data.epochs(Metrics.VAL_LOSS));

        List<String> skipped = data.skipped();
        assertEquals(4, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).contains("notes.json: skipped: not named log_stats_model_*.json"), skipped.get(0));
        assertTrue(skipped.get(1).contains("log_stats_model_4_nan.json: skipped: status is 'loss is nan!'"));
        assertTrue(skipped.get(2).contains("log_stats_model_5_short.json: skipped: val_loss has 2 epochs where most "
                + "runs have 4"), skipped.get(2));
        assertTrue(skipped.get(3).contains("log_stats_model_6_nanvalue.json: skipped: val_loss is NaN at epoch 2"));
    }

    @Test
    void malformedJsonFailsNamingTheFile() throws IOException {
        Map<String, String> files = fixture();
        files.put("log_stats_model_7_broken.json", "{\"recepie\": \"{}\", \"status\": \"OK\", \"val_losses\": [5.0,");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> format.read(writeFolder(files), SPACE, Progress.NONE));
        assertTrue(e.getMessage().contains("log_stats_model_7_broken.json: not valid JSON"), e.getMessage());
    }

    @Test
    void anInvalidRecipeFailsNamingTheFileAndNode() throws IOException {
        Map<String, String> files = fixture();
        files.put("log_stats_model_8_bad.json", log(CELL.replace("activation_tanh", "relu"), "OK", losses(5, 4), 4));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> format.read(writeZip(files), SPACE, Progress.NONE));
        assertTrue(e.getMessage().contains("log_stats_model_8_bad.json: field 'recepie'"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'h_new_0' has unknown op 'relu'"), e.getMessage());
    }

    @Test
    void aFolderWithoutLogsFails() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThrows(DataFormatException.class, () -> format.read(empty, SPACE, Progress.NONE));
        Path notZip = Files.writeString(dir.resolve("logs.zip"), "plain text");
        assertThrows(DataFormatException.class, () -> format.read(notZip, SPACE, Progress.NONE));
    }

    @Test
    void readsTheSharedNasBenchNlpLogs() throws IOException {
        Path zip = Path.of(System.getProperty("curvebench.shared", "../../shared"))
                .resolve("data/nasbench-nlp-wikitext2/logs.zip");
        assumeTrue(Files.isRegularFile(zip), "shared NAS-Bench-NLP logs not present at " + zip);
        CurveDataset data = format.read(zip, SPACE, Progress.NONE);

        assertEquals(244, data.runCount());
        assertEquals(2, data.skipped().size());
        assertTrue(data.skipped().stream().allMatch(s -> s.endsWith("skipped: status is 'loss is nan!'")),
                data.skipped().toString());
        assertEquals(201, data.size());
        assertEquals(50, data.epochs(Metrics.VAL_LOSS));
        assertEquals(50, data.epochs(Metrics.VAL_LOSS_X11));
        assertTrue(data.commonMetrics().containsAll(List.of(Metrics.VAL_LOSS, Metrics.TRAIN_LOSS, Metrics.TEST_LOSS)));

        Map<Integer, Long> seedsPerCell = data.architectures().stream()
                .collect(Collectors.groupingBy(ArchitectureRuns::seeds, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(1, 171L, 2, 23L, 3, 5L, 4, 1L, 8, 1L), seedsPerCell);
        for (ArchitectureRuns a : data.architectures()) {
            assertEquals(java.util.stream.IntStream.range(0, a.seeds()).boxed().toList(),
                    a.runs().stream().map(TrainingRun::seed).toList(), a.key());
            assertTrue(a.runs().stream().allMatch(r -> r.epochSeconds().isPresent()));
        }

        Map<Integer, Long> sizes = data.architectures().stream()
                .collect(Collectors.groupingBy(a -> ((NlpRecipe) a.architecture()).size(), TreeMap::new,
                        Collectors.counting()));
        assertEquals(15, sizes.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow());
        assertFalse(sizes.containsKey(1));
        double[] first = data.architectures().get(0).runs().get(0).epochSeconds().orElseThrow().toArray();
        assertTrue(first[1] < first[0] && first[49] < 2 * first[0], "wall_times are per epoch, not cumulative");
        for (ArchitectureRuns a : data.architectures()) {
            NlpSpace.x11Encoder(18).encode(a.architecture());
        }
    }

    @Test
    void aDamagedZipEntryFailsNamingIt() throws IOException {
        String entry = "logs/log_stats_model_1_x.json";
        Path damaged = Files.write(dir.resolve("damaged.zip"), org.curvebench.datasets.CompressedStreamsTest
                .zipWithDamagedEntry(entry, fixture().values().iterator().next().repeat(20)
                        .getBytes(StandardCharsets.UTF_8)));
        IOException e = assertThrows(IOException.class, () -> format.read(damaged, SPACE, Progress.NONE));
        assertTrue(e.getMessage().startsWith(damaged + "!" + entry + " is a truncated or damaged zip entry"),
                e.getMessage());
    }
}
