package org.curvebench.datasets.nb101;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.DatasetFormats;
import org.curvebench.datasets.Metrics;
import org.curvebench.core.Progress;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Nb101ResultsFormatTest {

    @TempDir
    Path dir;

    private final Nb101Space space = new Nb101Space();

    private static final Nb101Cell A = Nb101TfRecordTest.CELL;
    private static final Nb101Cell B = Nb101TfRecordTest.CHAIN;

    private static String results(double shift) {
        return "{\"trainable_params\": 1000, \"evaluation_results\": ["
                + "{\"epochs\": 0.0, \"training_time\": 0.0, \"train_accuracy\": 0.1, \"validation_accuracy\": 0.1,"
                + " \"test_accuracy\": 0.1},"
                + "{\"epochs\": 1.0, \"training_time\": 20.0, \"train_accuracy\": " + (0.3 + shift) + ", "
                + "\"validation_accuracy\": " + (0.25 + shift) + ", \"test_accuracy\": 0.24},"
                + "{\"epochs\": 4.0, \"training_time\": 80.0, \"train_accuracy\": 0.6, \"validation_accuracy\": "
                + (0.5 + shift) + ", \"test_accuracy\": 0.49}]}";
    }

    private static String graphs() {
        return "{\"" + A.canonicalKey() + "\": [[[0,1,1,0],[0,0,0,1],[0,0,0,1],[0,0,0,0]], [-1, 0, 2, -2]],"
                + " \"" + B.canonicalKey() + "\": [[[0,1,0],[0,0,1],[0,0,0]], [\"input\", \"conv1x1-bn-relu\", \"output\"]]}";
    }

    private Path fixtureDirectory() throws IOException {
        Path root = dir.resolve("runs");
        for (Nb101Cell c : new Nb101Cell[] {A, B}) {
            for (int repeat = 1; repeat <= 3; repeat++) {
                Path f = root.resolve("4V9E/4_epochs/" + c.canonicalKey().substring(0, 2) + "/" + c.canonicalKey()
                        + "/repeat_" + repeat + "/results.json");
                Files.createDirectories(f.getParent());
                Files.writeString(f, results(0.01 * repeat));
            }
        }
        return root;
    }

    @Test
    void isRegistered() {
        assertTrue(DatasetFormats.installed().get("nb101-results") instanceof Nb101ResultsFormat);
    }

    @Test
    void readsADirectoryWithGraphsInside() throws IOException {
        Path root = fixtureDirectory();
        Files.writeString(root.resolve("graphs.json"), graphs());
        CurveDataset data = new Nb101ResultsFormat().read(root, space, Progress.NONE);
        assertEquals(2, data.size());
        assertEquals(6, data.runCount());
        assertEquals(Set.of(Metrics.TRAIN_ACC, Metrics.VAL_ACC, Metrics.TEST_ACC, Metrics.EPOCH_SECONDS),
                data.commonMetrics());
        assertEquals(3, data.epochs(Metrics.VAL_ACC));
        assertTrue(data.skipped().isEmpty(), data.skipped().toString());
        ArchitectureRuns a = data.architectures().stream().filter(r -> r.key().equals(A.canonicalKey()))
                .findFirst().orElseThrow();
        assertEquals(A, a.architecture());
        TrainingRun first = a.runs().get(0);
        assertEquals(1, first.seed());
        assertArrayEquals(new double[] {0.1, 0.26, 0.51}, first.curve(Metrics.VAL_ACC).toArray(), 1e-12);
        assertArrayEquals(new double[] {0.0, 20.0, 20.0}, first.epochSeconds().orElseThrow().toArray(), 1e-12);
    }

    @Test
    void readsAZipWithGraphsBesideItAndWithExplicitGraphs() throws IOException {
        Path root = fixtureDirectory();
        Path zip = dir.resolve("runs.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             var files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(root.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        String missing = assertThrows(DataFormatException.class,
                () -> new Nb101ResultsFormat().read(zip, space, Progress.NONE)).getMessage();
        assertTrue(missing.contains("--graphs") && missing.contains(A.canonicalKey()), missing);

        Path elsewhere = dir.resolve("cells.json");
        Files.writeString(elsewhere, graphs());
        CurveDataset explicit = new Nb101ResultsFormat().withGraphs(elsewhere).read(zip, space, Progress.NONE);
        assertEquals(6, explicit.runCount());

        Files.writeString(dir.resolve("graphs.json"), graphs());
        CurveDataset beside = new Nb101ResultsFormat().read(zip, space, Progress.NONE);
        assertEquals(explicit.digest(), beside.digest());
    }

    @Test
    void reportsCellsWhoseHashIsNotTheFolders() throws IOException {
        Path root = fixtureDirectory();
        String swapped = graphs().replace("\"conv1x1-bn-relu\"", "\"maxpool3x3\"");
        Files.writeString(root.resolve("graphs.json"), swapped);
        CurveDataset data = new Nb101ResultsFormat().read(root, space, Progress.NONE);
        assertEquals(1, data.size());
        assertEquals(3, data.skipped().size());
        assertTrue(data.skipped().get(0).contains(B.canonicalKey()) && data.skipped().get(0).contains("module hash"),
                data.skipped().get(0));
    }

    @Test
    void namesTheFileAndFieldOfABadEvaluation() throws IOException {
        Path root = fixtureDirectory();
        Files.writeString(root.resolve("graphs.json"), graphs());
        Path f = root.resolve("4V9E/4_epochs/" + A.canonicalKey().substring(0, 2) + "/" + A.canonicalKey()
                + "/repeat_2/results.json");
        Files.writeString(f, results(0).replace("\"test_accuracy\": 0.49", "\"test_accuracy\": \"n/a\""));
        String msg = assertThrows(DataFormatException.class,
                () -> new Nb101ResultsFormat().read(root, space, Progress.NONE)).getMessage();
        assertTrue(msg.contains("repeat_2") && msg.contains("evaluation_results[2].test_accuracy"), msg);
    }

    @Test
    void readsTheSharedEcNasRuns() throws IOException {
        Path data = Path.of(System.getProperty("curvebench.shared", "../../shared"))
                .resolve("data/nasbench101-ecnas-4v/runs.zip");
        assumeTrue(Files.isRegularFile(data), "shared EC-NAS runs not present: " + data);
        CurveDataset runs = new Nb101ResultsFormat().read(data, space, Progress.NONE);
        assertEquals(91, runs.size());
        assertEquals(273, runs.runCount());
        assertTrue(runs.skipped().isEmpty(), runs.skipped().toString());
        assertEquals(3, runs.epochs(Metrics.VAL_ACC));
        for (ArchitectureRuns a : runs.architectures()) {
            assertEquals(Set.of(1, 2, 3), Set.copyOf(a.runs().stream().map(TrainingRun::seed).toList()));
            for (TrainingRun r : a.runs()) {
                for (double v : r.curve(Metrics.VAL_ACC).toArray()) {
                    assertTrue(v >= 0 && v <= 1, "accuracy " + v + " of " + a.key());
                }
            }
        }
    }


    @Test
    void aTruncatedZipOrDamagedEntryFailsNamingIt() throws IOException {
        Path root = fixtureDirectory();
        Path zip = dir.resolve("runs.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> new Nb101ResultsFormat().read(cut, space, Progress.NONE));
        assertTrue(e.getMessage().startsWith(cut + " is not a readable zip archive: it is truncated, damaged"),
                e.getMessage());

        String entry = "4V9E/4_epochs/" + A.canonicalKey().substring(0, 2) + "/" + A.canonicalKey()
                + "/repeat_1/results.json";
        Path damaged = Files.write(dir.resolve("damaged.zip"), org.curvebench.datasets.CompressedStreamsTest
                .zipWithDamagedEntry(entry, results(0.01).repeat(20).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("graphs.json"), graphs());
        IOException d = assertThrows(IOException.class,
                () -> new Nb101ResultsFormat().read(damaged, space, Progress.NONE));
        assertTrue(d.getMessage().startsWith(damaged + "!" + entry + " is a truncated or damaged zip entry"),
                d.getMessage());
    }
}
