package org.curvebench.datasets.nb301;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.curvebench.core.Progress;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.darts.DartsArchitecture;
import org.curvebench.encoding.darts.DartsForms;
import org.curvebench.encoding.darts.DartsSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Nb301ResultsFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED_RESULT = Path.of(System.getProperty("curvebench.shared", "../../shared"))
            .resolve("data/nasbench301-format/results_0.json");
    private final DartsSpace space = new DartsSpace();

    @TempDir
    Path dir;

    /**
     * A result file in NAS-Bench-301's layout for {@code arch}: the configuration with training hyperparameters,
     * budget, info (final values), test accuracy, runtime, and with {@code epochs > 0} the learning curves.
     */
    private static byte[] resultFile(DartsArchitecture arch, int epochs, double level, double runtime) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("final_metric_score", -level);
        ObjectNode config = DartsForms.config(arch, Map.of());
        config.put("NetworkSelectorDatasetInfo:darts:layers", 8);
        config.put("OptimizerSelector:sgd:learning_rate", 0.025);
        root.set("optimized_hyperparamater_config", config);
        root.put("budget", 98);
        ObjectNode info = root.putArray("info").addObject();
        info.put("train_loss", 0.3).put("train_accuracy", level + 3).put("val_accuracy", level)
                .put("val_cross_entropy", 0.25).put("epochs", epochs > 0 ? epochs : 98).put("model_parameters", 1_200_000);
        root.put("test_accuracy", level - 0.2);
        root.put("runtime", runtime);
        if (epochs > 0) {
            ObjectNode curves = root.putObject("learning_curves");
            ArrayNode val = curves.putArray("Train/val_accuracy");
            ArrayNode train = curves.putArray("Train/train_accuracy");
            ArrayNode loss = curves.putArray("Train/train_loss");
            ArrayNode lr = curves.putArray("Train/lr");
            for (int e = 0; e < epochs; e++) {
                double v = level - 40 * Math.exp(-e / 3.0);
                val.add(v);
                train.add(v + 2);
                loss.add(2.0 * Math.exp(-e / 4.0));
                lr.add(0.025 * (1 + Math.cos(Math.PI * e / epochs)) / 2);
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    /** Five files: three cells with 6-epoch curves (one trained twice) and one without curves. */
    private Map<String, byte[]> files() throws IOException {
        SplittableRandom random = new SplittableRandom(4);
        DartsArchitecture a = space.sample(random);
        DartsArchitecture b = space.sample(random);
        DartsArchitecture c = space.sample(random);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a/results_0.json", resultFile(a, 6, 93.0, 600));
        files.put("a/results_1.json", resultFile(b, 6, 91.0, 1200));
        files.put("b/results_2.json", resultFile(a, 6, 93.4, 660));
        files.put("b/results_3.json", resultFile(c, 6, 92.0, 900));
        files.put("b/results_4.json", resultFile(b, 0, 90.5, 9800));
        return files;
    }

    private Path folder(Map<String, byte[]> files) throws IOException {
        Path root = dir.resolve("runs");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        Files.writeString(root.resolve("configspace.json"), "{}");
        return root;
    }

    private Path zip(Map<String, byte[]> files) throws IOException {
        Path zip = dir.resolve("runs.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry("nb301/" + f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    /** A tar.gz written block by block as POSIX ustar lays it out. */
    private Path tarGz(Map<String, byte[]> files) throws IOException {
        Path tar = dir.resolve("runs.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tar))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.write(tarHeader("nb_301_v13/" + f.getKey(), f.getValue().length));
                out.write(f.getValue());
                out.write(new byte[(512 - f.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return tar;
    }

    private static byte[] tarHeader(String name, int size) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, n.length);
        put(h, 100, String.format("%07o", 0644));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private void assertTheRuns(CurveDataset d) {
        assertEquals(3, d.size());
        assertEquals(4, d.runCount());
        assertEquals(1, d.skipped().size(), d.skipped().toString());
        assertTrue(d.skipped().get(0).contains("results_4.json: skipped: val_acc has 1 epochs where most runs have 6"),
                d.skipped().get(0));
        assertEquals(List.of("1 of 5 result file(s) have no learning curves: each is one point, the final values "
                + "from 'info' and 'test_accuracy'"), d.notes());
        TrainingRun first = d.architectures().get(0).runs().get(0);
        assertEquals(6, first.curve("val_acc").epochs());
        assertEquals(93.0 - 40, first.curve("val_acc").get(0), 1e-9);
        assertEquals(93.0 - 40 * Math.exp(-5 / 3.0) + 2, first.curve("train_acc").last(), 1e-9);
        assertTrue(first.has("train_loss"));
        assertTrue(!first.has("val_loss") && !first.has("test_acc"), first.metrics().keySet().toString());
        assertArrayEquals(new double[] {100, 100, 100, 100, 100, 100}, first.epochSeconds().orElseThrow().toArray(), 1e-9);
        assertEquals(2, d.architectures().get(0).seeds(), "results_0 and results_2 train the same cell");
        assertEquals(1, d.architectures().get(0).runs().get(1).seed());
    }

    @Test
    void readsAFolderAZipAndATarGzOfResultFiles() throws IOException {
        Map<String, byte[]> files = files();
        Nb301ResultsFormat format = new Nb301ResultsFormat();
        CurveDataset fromFolder = format.read(folder(files), space, Progress.NONE);
        assertTheRuns(fromFolder);
        CurveDataset fromZip = format.read(zip(files), space, Progress.NONE);
        assertTheRuns(fromZip);
        CurveDataset fromTar = format.read(tarGz(files), space, Progress.NONE);
        assertTheRuns(fromTar);
        assertEquals(fromFolder.digest(), fromZip.digest());
        assertEquals(fromFolder.digest(), fromTar.digest());
    }

    @Test
    void readsATarMadeByTheTarTool() throws Exception {
        Path tool = Path.of("/usr/bin/tar");
        assumeTrue(Files.isExecutable(tool), "no tar tool");
        Map<String, byte[]> files = new LinkedHashMap<>();
        String deep = "a".repeat(60) + "/" + "b".repeat(60) + "/";
        files.put(deep + "results_0.json", resultFile(space.sample(new SplittableRandom(1)), 6, 92, 60));
        files.put("results_1.json", resultFile(space.sample(new SplittableRandom(2)), 6, 93, 60));
        Path root = folder(files);
        Path tar = dir.resolve("tool.tar.gz");
        Process p = new ProcessBuilder(tool.toString(), "-czf", tar.toString(), "-C", root.toString(), ".")
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        CurveDataset d = new Nb301ResultsFormat().read(tar, space, Progress.NONE);
        assertEquals(2, d.size());
        assertTrue(d.notes().isEmpty(), d.notes().toString());
    }

    @Test
    void paddingIsAskedForAndSaid() throws IOException {
        Path root = folder(files());
        CurveDataset d = new Nb301ResultsFormat().withPadding(Nb301ResultsFormat.X11_EPOCHS).read(root, space,
                Progress.NONE);
        assertEquals(3, d.size());
        assertEquals(5, d.runCount(), "padded, the one-point run is as long as the others");
        assertTrue(d.notes().contains("padded 5 of 5 run(s) to 98 epochs with their last value (--pad-epochs)"),
                d.notes().toString());
        double[] val = d.architectures().get(0).runs().get(0).curve("val_acc").toArray();
        assertEquals(98, val.length);
        for (int e = 6; e < 98; e++) {
            assertEquals(val[5], val[e]);
        }
        double[] flat = d.architectures().get(1).runs().get(1).curve("val_acc").toArray();
        assertEquals(90.5, flat[0]);
        assertEquals(90.5, flat[97]);
    }

    @Test
    void oneRunWithoutCurvesIsOnePointOfFinalValues() throws IOException {
        DartsArchitecture a = space.sample(new SplittableRandom(8));
        Path f = dir.resolve("results_9.json");
        Files.write(f, resultFile(a, 0, 94.1, 9800));
        CurveDataset d = new Nb301ResultsFormat().read(f, space, Progress.NONE);
        TrainingRun run = d.architectures().get(0).runs().get(0);
        assertEquals(a, run.architecture());
        assertArrayEquals(new double[] {94.1}, run.curve("val_acc").toArray());
        assertArrayEquals(new double[] {97.1}, run.curve("train_acc").toArray());
        assertArrayEquals(new double[] {0.25}, run.curve("val_loss").toArray());
        assertArrayEquals(new double[] {93.9}, run.curve("test_acc").toArray(), 1e-12);
        assertArrayEquals(new double[] {100}, run.epochSeconds().orElseThrow().toArray(), 1e-12);
        assertEquals(1, d.notes().size());
    }

    @Test
    void readsTheSharedNasBench301ResultFile() throws IOException {
        assumeTrue(Files.exists(SHARED_RESULT), "shared NAS-Bench-301 result file absent");
        CurveDataset d = new Nb301ResultsFormat().read(SHARED_RESULT, space, Progress.NONE);
        TrainingRun run = d.architectures().get(0).runs().get(0);
        assertArrayEquals(new double[] {97.68}, run.curve("val_acc").toArray());
        assertArrayEquals(new double[] {97.54}, run.curve("test_acc").toArray());
        assertArrayEquals(new double[] {365136.0 / 1488}, run.epochSeconds().orElseThrow().toArray(), 1e-9);
        assertTrue(run.architecture().canonicalKey().startsWith("[[[0, 2], [1, 3], [0, 3], [1, 2]"),
                run.architecture().canonicalKey());
    }

    @Test
    void malformedFilesNameTheFileAndField() throws IOException {
        Path root = dir.resolve("bad");
        Files.createDirectories(root);
        ObjectNode broken = (ObjectNode) JSON.readTree(resultFile(space.sample(new SplittableRandom(3)), 6, 92, 60));
        ((ObjectNode) broken.get("optimized_hyperparamater_config"))
                .put("NetworkSelectorDatasetInfo:darts:edge_normal_0", "conv_9x9");
        Files.write(root.resolve("results_7.json"), JSON.writeValueAsBytes(broken));
        String msg = assertThrows(DataFormatException.class,
                () -> new Nb301ResultsFormat().read(root, space, Progress.NONE)).getMessage();
        assertTrue(msg.contains("results_7.json: field 'optimized_hyperparamater_config': invalid DARTS cell pair: "
                + "normal cell, node 2: unknown op 'conv_9x9'"), msg);
        broken.remove("optimized_hyperparamater_config");
        Files.write(root.resolve("results_7.json"), JSON.writeValueAsBytes(broken));
        msg = assertThrows(DataFormatException.class,
                () -> new Nb301ResultsFormat().read(root, space, Progress.NONE)).getMessage();
        assertTrue(msg.contains("results_7.json: field 'optimized_hyperparamater_config'"), msg);
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        msg = assertThrows(DataFormatException.class,
                () -> new Nb301ResultsFormat().read(empty, space, Progress.NONE)).getMessage();
        assertTrue(msg.contains("no NAS-Bench-301 result files"), msg);
        Path truncated = dir.resolve("cut.tar.gz");
        byte[] whole = Files.readAllBytes(tarGz(files()));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThrows(IOException.class, () -> new Nb301ResultsFormat().read(truncated, space, Progress.NONE));
        ByteArrayOutputStream notTar = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(notTar)) {
            gz.write("hello".repeat(200).getBytes(StandardCharsets.UTF_8));
        }
        Path other = dir.resolve("other.gz");
        Files.write(other, notTar.toByteArray());
        msg = assertThrows(DataFormatException.class,
                () -> new Nb301ResultsFormat().read(other, space, Progress.NONE)).getMessage();
        assertTrue(msg.contains("neither a folder, a zip, a tar(.gz) archive nor a result file"), msg);
    }
}
