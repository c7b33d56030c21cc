package org.curvebench.datasets.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.DatasetFormats;
import org.curvebench.core.Progress;
import org.curvebench.encoding.features.FeatureVectorSpace;
import org.curvebench.encoding.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveTableFormatTest {

    private static final String A = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";
    private static final String B = "|none~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|";

    @TempDir
    Path dir;

    private CurveDataset read(String content) throws IOException {
        Path p = dir.resolve("t.jsonl");
        Files.writeString(p, content);
        return new CurveTableFormat().read(p, new Nb201Space(), Progress.NONE);
    }

    private static String line(String arch, Integer seed, String metrics) {
        return "{\"arch\": \"" + arch + "\"" + (seed == null ? "" : ", \"seed\": " + seed) + ", \"metrics\": " + metrics + "}\n";
    }

    @Test
    void groupsSeedsOfOneArchitectureInOrderOfAppearance() throws IOException {
        CurveDataset d = read(line(A, 0, "{\"val_acc\": [1, 2, 3]}") + line(B, 0, "{\"val_acc\": [4, 5, 6]}")
                + "\n" + line(A, 1, "{\"val_acc\": [3, 4, 5]}"));
        assertEquals(2, d.size());
        assertEquals(3, d.runCount());
        ArchitectureRuns a = d.architectures().get(0);
        assertEquals(A, a.key());
        assertEquals(2, a.seeds());
        assertArrayEquals(new double[]{2, 3, 4}, a.meanCurve("val_acc").toArray());
        assertEquals(3, d.epochs("val_acc"));
        assertTrue(d.skipped().isEmpty());
    }

    @Test
    void missingSeedsAreNumberedPerArchitecture() throws IOException {
        CurveDataset d = read(line(A, null, "{\"val_acc\": [1, 2]}") + line(A, null, "{\"val_acc\": [2, 2]}")
                + line(B, null, "{\"val_acc\": [1, 1]}"));
        assertEquals(0, d.architectures().get(0).runs().get(0).seed());
        assertEquals(1, d.architectures().get(0).runs().get(1).seed());
        assertEquals(0, d.architectures().get(1).runs().get(0).seed());
    }

    @Test
    void readsGzipAndEpochSeconds() throws IOException {
        Path p = dir.resolve("t.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(("{\"arch\": \"" + A + "\", \"metrics\": {\"val_acc\": [1, 2], \"train_loss\": [3, 2]}, "
                    + "\"epoch_seconds\": [10, 11]}\n").getBytes(StandardCharsets.UTF_8));
        }
        CurveDataset d = new CurveTableFormat().read(p, new Nb201Space(), Progress.NONE);
        assertArrayEquals(new double[]{10, 11}, d.architectures().get(0).runs().get(0).epochSeconds().orElseThrow().toArray());
        assertEquals(java.util.Set.of("val_acc", "train_loss", "epoch_seconds"), d.commonMetrics(),
                "epoch seconds are a metric like any other");
        assertArrayEquals(new double[]{10, 11}, d.architectures().get(0).runs().get(0).curve("epoch_seconds").toArray());
    }

    @Test
    void nanAndShortCurvesAreSkippedAndReported() throws IOException {
        CurveDataset d = read(line(A, 0, "{\"val_acc\": [1, 2, 3]}") + line(A, 1, "{\"val_acc\": [1, NaN, 3]}")
                + line(B, 0, "{\"val_acc\": [1, null, 3]}") + line(B, 1, "{\"val_acc\": [1, 2]}")
                + line(B, 2, "{\"val_acc\": [1, 2, 4]}"));
        assertEquals(2, d.runCount());
        assertEquals(3, d.skipped().size());
        assertTrue(d.skipped().get(0).contains("t.jsonl:2") && d.skipped().get(0).contains("epoch 1"), d.skipped().get(0));
        assertTrue(d.skipped().get(2).contains("t.jsonl:4") && d.skipped().get(2).contains("2 epochs where most runs have 3"),
                d.skipped().get(2));
    }

    @Test
    void badLinesFailWithFileAndLine() {
        String good = line(A, 0, "{\"val_acc\": [1, 2]}");
        assertFails(good + "{not json\n", "t.jsonl:2: not valid JSON");
        assertFails(good + "{\"seed\": 1, \"metrics\": {\"val_acc\": [1]}}\n", "t.jsonl:2: field 'arch' is missing");
        assertFails(good + line("|bogus~0|", 0, "{\"val_acc\": [1, 2]}"), "t.jsonl:2: field 'arch': invalid NAS-Bench-201");
        assertFails(good + line(A, 1, "{\"val_accuracy\": [1, 2]}"), "t.jsonl:2: unknown metric 'val_accuracy'");
        assertFails(good + line(A, 1, "{\"val_acc\": [1, \"x\"]}"), "t.jsonl:2: field 'metrics.val_acc' element 1");
        assertFails(good + line(A, 1, "{}"), "t.jsonl:2: field 'metrics' must be");
        assertFails(good + "{\"arch\": \"" + A + "\", \"seed\": 1.5, \"metrics\": {\"val_acc\": [1, 2]}}\n",
                "t.jsonl:2: field 'seed' must be an integer");
        assertFails(good + "[1, 2]\n", "t.jsonl:2: expected a JSON object");
        assertFails("\n\n", "no runs in the file");
        assertFails(line(A, 0, "{\"val_acc\": [NaN]}"), "every run was skipped");
    }

    private void assertFails(String content, String expected) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(content));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void writerRoundTrips() throws IOException {
        CurveDataset d = read(line(A, 3, "{\"val_acc\": [1.5, 2.25]}") + line(B, 0, "{\"val_acc\": [4, 5]}"));
        Path out = dir.resolve("copy.jsonl.gz");
        CurveTableWriter.write(d, out);
        CurveDataset back = new CurveTableFormat().read(out, new Nb201Space(), Progress.NONE);
        assertEquals(d.digest(), back.digest());
        assertEquals(3, back.architectures().get(0).runs().get(0).seed());
    }

    @Test
    void digestChangesWithAnyValue() throws IOException {
        String one = read(line(A, 0, "{\"val_acc\": [1, 2]}")).digest();
        String two = read(line(A, 0, "{\"val_acc\": [1, 2.0001]}")).digest();
        assertEquals(64, one.length());
        assertTrue(!one.equals(two));
    }

    @Test
    void featureSpaceTablesAndTheRegistry() throws IOException {
        Path p = dir.resolve("f.jsonl");
        Files.writeString(p, "{\"arch\": [0.5, 1], \"metrics\": {\"val_loss\": [3, 2, 1]}}\n");
        CurveDataset d = DatasetFormats.installed().get("table").read(p, new FeatureVectorSpace(), Progress.NONE);
        assertEquals(1, d.size());
        assertThrows(IllegalArgumentException.class, () -> DatasetFormats.installed().get("csv"));
        assertThrows(IllegalArgumentException.class, () -> d.epochs("val_acc"));
    }

    @Test
    void parsesArchitecturesFromJsonOrBareStrings() {
        assertEquals(A, CurveTableFormat.parseArchitecture(A, new Nb201Space()).canonicalKey());
        assertEquals(A, CurveTableFormat.parseArchitecture("\"" + A + "\"", new Nb201Space()).canonicalKey());
    }

    @Test
    void aTruncatedOrDamagedGzipTableFailsNamingTheFile() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append(line(A, i, "{\"val_acc\": [" + i + ", 2, 3]}"));
        }
        Path whole = dir.resolve("whole.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] gz = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.jsonl.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        IOException e = assertThrows(IOException.class,
                () -> new CurveTableFormat().read(truncated, new Nb201Space(), Progress.NONE));
        assertTrue(e.getMessage().startsWith(truncated + " is a truncated or damaged gzip file"), e.getMessage());

        byte[] junk = gz.clone();
        java.util.Arrays.fill(junk, 10, 30, (byte) 0xFF);
        Path damaged = Files.write(dir.resolve("damaged.jsonl.gz"), junk);
        IOException d = assertThrows(IOException.class,
                () -> new CurveTableFormat().read(damaged, new Nb201Space(), Progress.NONE));
        assertTrue(d.getMessage().startsWith(damaged + " is a truncated or damaged gzip file"), d.getMessage());
    }
}
