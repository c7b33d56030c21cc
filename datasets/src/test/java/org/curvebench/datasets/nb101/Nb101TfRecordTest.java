package org.curvebench.datasets.nb101;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.core.Progress;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Nb101TfRecordTest {

    @TempDir
    Path dir;

    static final Nb101Cell CELL = Nb101Cell.fromLabels(
            new int[][] {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}}, new int[] {-1, 0, 2, -2});
    static final Nb101Cell CHAIN = Nb101Cell.fromLabels(
            new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, new int[] {-1, 1, -2});

    static Nb101Record record(Nb101Cell cell, int epochs, int repeat) {
        double base = 0.5 + 0.1 * repeat;
        return new Nb101Record(cell.canonicalKey(), epochs, cell.adjacency(), cell.ops(), 1_234_567 + repeat,
                100.5 * epochs, List.of(
                        new Nb101Evaluation(0, 0, 0.1, 0.1, 0.1),
                        new Nb101Evaluation(epochs / 2.0, 5.25 * epochs, base, base - 0.05, base - 0.06),
                        new Nb101Evaluation(epochs, 10.5 * epochs, base + 0.3, base + 0.2, base + 0.19)));
    }

    private Path writeFile(List<Nb101Record> records) throws IOException {
        Path file = dir.resolve("nb101.tfrecord");
        try (Nb101TfRecordWriter w = Nb101TfRecordWriter.create(file)) {
            for (Nb101Record r : records) {
                w.write(r);
            }
        }
        return file;
    }

    private List<Nb101Record> sample() {
        List<Nb101Record> records = new ArrayList<>();
        for (int repeat = 0; repeat < 3; repeat++) {
            records.add(record(CELL, 108, repeat));
            records.add(record(CHAIN, 108, repeat));
            records.add(record(CELL, 4, repeat));
        }
        return records;
    }

    @Test
    void crc32cIsTheCastagnoliChecksum() {
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283L, crc.getValue());
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        int c = 0xE3069283;
        assertEquals(((c >>> 15) | (c << 17)) + 0xa282ead8, TfRecordFraming.maskedCrc(data, 0, data.length));
    }

    @Test
    void recordsRoundTripThroughTheWriter() throws IOException {
        List<Nb101Record> written = sample();
        Path file = writeFile(written);
        List<Nb101Record> read = new ArrayList<>();
        try (Nb101TfRecordReader reader = Nb101TfRecordReader.open(file)) {
            for (Optional<Nb101Record> r = reader.next(); r.isPresent(); r = reader.next()) {
                read.add(r.get());
            }
            assertEquals(Files.size(file), reader.offset());
        }
        assertEquals(written, read);
    }

    @Test
    void negativeInt32AndUnknownFieldsDecode() throws Exception {
        byte[] bytes = ModelMetricsCodec.encode(List.of(new Nb101Evaluation(1, 2, 3, 4, 5)), -7, 9.5);
        byte[] withUnknown = Arrays.copyOf(bytes, bytes.length + 3);
        withUnknown[bytes.length] = (byte) ((9 << 3) | 0);
        withUnknown[bytes.length + 1] = (byte) 0x96;
        withUnknown[bytes.length + 2] = 0x01;
        ModelMetricsCodec.Decoded d = ModelMetricsCodec.decode(withUnknown);
        assertEquals(-7, d.trainableParameters());
        assertEquals(9.5, d.totalTime());
        assertEquals(List.of(new Nb101Evaluation(1, 2, 3, 4, 5)), d.evaluations());
    }

    @Test
    void datasetAnswersQueriesLikeTheApi() throws IOException {
        Path file = writeFile(sample());
        Nb101Dataset data = Nb101Dataset.load(file, Progress.NONE);
        data.verifyHashes();
        assertEquals(2, data.size());
        assertEquals(List.of(4, 108), new ArrayList<>(data.budgets()));
        Nb101Cell unpruned = Nb101Cell.fromLabels(new int[][] {
            {0, 0, 1, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}},
                new int[] {-1, 1, 2, 0, -2});
        Nb101Metrics m = data.query(unpruned, 108);
        assertEquals(CELL.canonicalKey(), m.hash());
        assertEquals(1_234_567, m.trainableParameters());
        assertEquals(3, m.repeats().size());
        assertEquals(0.7, m.repeats().get(0).finalValidationAccuracy(), 1e-12);
        assertEquals(108 * 5.25, m.repeats().get(0).halfwayTrainingTime(), 1e-12);
        assertEquals(0.8, m.meanFinalValidationAccuracy(), 1e-12);
        JsonNode json = m.toJson();
        assertEquals(CELL.canonicalKey(), json.get("module_hash").asText());
        assertEquals(3, json.get("computed_stats").size());
        assertEquals(0.7, json.get("computed_stats").get(0).get("final_validation_accuracy").asDouble(), 1e-12);
        String missingBudget = assertThrows(IllegalArgumentException.class, () -> data.query(CHAIN, 4)).getMessage();
        assertTrue(missingBudget.contains("[108]"), missingBudget);
        Nb101Cell absent = Nb101Cell.fromLabels(new int[][] {{0, 1}, {0, 0}}, new int[] {-1, -2});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> data.query(absent, 108)).getMessage()
                .contains(absent.canonicalKey()));
        Map<String, double[]> acc = data.meanFinalValidationAccuracies(List.of(4, 108));
        assertEquals(1, acc.size());
        assertArrayEquals(new double[] {0.8, 0.8}, acc.get(CELL.canonicalKey()), 1e-12);
    }

    @Test
    void corruptDataFailsWithTheRecordOffset() throws IOException {
        Path file = writeFile(sample());
        byte[] bytes = Files.readAllBytes(file);
        long second = secondRecordOffset(bytes);
        bytes[(int) second + 12 + 5] ^= 0x01;
        Files.write(file, bytes);
        String msg = assertThrows(DataFormatException.class, () -> Nb101Dataset.load(file, Progress.NONE)).getMessage();
        assertTrue(msg.contains("byte offset " + second) && msg.contains("CRC32C of the record data"), msg);
    }

    @Test
    void corruptLengthFailsWithTheRecordOffset() throws IOException {
        Path file = writeFile(sample());
        byte[] bytes = Files.readAllBytes(file);
        long second = secondRecordOffset(bytes);
        bytes[(int) second + 1] ^= 0x01;
        Files.write(file, bytes);
        String msg = assertThrows(DataFormatException.class, () -> Nb101Dataset.load(file, Progress.NONE)).getMessage();
        assertTrue(msg.contains("byte offset " + second) && msg.contains("record length"), msg);
    }

    @Test
    void truncatedFileFailsWithTheRecordOffset() throws IOException {
        Path file = writeFile(sample());
        byte[] bytes = Files.readAllBytes(file);
        long second = secondRecordOffset(bytes);
        long third = second + 12 + TfRecordFraming.readLong(bytes, (int) second) + 4;
        for (long cut : new long[] {third - 2, second + 20, second + 5}) {
            Files.write(file, Arrays.copyOf(bytes, (int) cut));
            String msg = assertThrows(DataFormatException.class, () -> Nb101Dataset.load(file, Progress.NONE))
                    .getMessage();
            assertTrue(msg.contains("byte offset " + second) && msg.contains("truncated"), msg);
        }
    }

    @Test
    void hashThatIsNotTheCellsFails() throws IOException {
        Nb101Record good = record(CELL, 108, 0);
        Nb101Record wrong = new Nb101Record("0123456789abcdef0123456789abcdef", 108, good.adjacency(), good.ops(),
                1, 1, good.evaluations());
        Path file = writeFile(List.of(good, wrong));
        long second = secondRecordOffset(Files.readAllBytes(file));
        // hashes are checked when their cells are queried, or all at once
        Nb101Dataset data = Nb101Dataset.load(file, Progress.NONE);
        assertEquals(CELL.canonicalKey(), data.query(CELL, 108).hash());
        String msg = assertThrows(DataFormatException.class,
                () -> data.query("0123456789abcdef0123456789abcdef", 108)).getMessage();
        assertTrue(msg.contains("0123456789abcdef0123456789abcdef") && msg.contains("byte offset " + second)
                && msg.contains(CELL.canonicalKey()), msg);
        assertEquals(msg, assertThrows(DataFormatException.class, data::verifyHashes).getMessage());
        assertEquals(msg, assertThrows(DataFormatException.class,
                () -> Nb101Dataset.load(file, Progress.NONE).verifyHashes()).getMessage());
    }

    @Test
    void hashThatIsNotHexFailsAtLoad() throws IOException {
        Nb101Record good = record(CELL, 108, 0);
        Nb101Record wrong = new Nb101Record("not a module hash", 108, good.adjacency(), good.ops(), 1, 1,
                good.evaluations());
        Path file = writeFile(List.of(good, wrong));
        String msg = assertThrows(DataFormatException.class, () -> Nb101Dataset.load(file, Progress.NONE)).getMessage();
        assertTrue(msg.contains("not a module hash") && msg.contains("byte offset "), msg);
    }

    @Test
    void payloadThatIsNotARowFails() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Nb101TfRecordWriter w = new Nb101TfRecordWriter(bytes)) {
            w.writePayload("[\"abc\", 108]".getBytes(StandardCharsets.UTF_8));
        }
        Nb101TfRecordReader reader = new Nb101TfRecordReader(new ByteArrayInputStream(bytes.toByteArray()), "mem");
        String msg = assertThrows(DataFormatException.class, reader::next).getMessage();
        assertTrue(msg.startsWith("mem: record at byte offset 0") && msg.contains("[hash, epochs"), msg);
    }

    /** The 30 real cells of the shared NAS-Bench-101 sample, written as TFRecords and queried back. */
    @Test
    void sharedSampleRoundTripsThroughTheDataset() throws IOException {
        Path sample = Path.of(System.getProperty("curvebench.shared", "../../shared"))
                .resolve("data/nasbench101-sample/nb101_dummy.json");
        assumeTrue(Files.isRegularFile(sample), "shared NAS-Bench-101 sample not present: " + sample);
        JsonNode root = new ObjectMapper().readTree(sample.toFile());
        List<Nb101Record> records = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            int[][] adjacency = new ObjectMapper().convertValue(v.get("module_adjacency"), int[][].class);
            List<String> ops = new ArrayList<>();
            v.get("module_operations").forEach(o -> ops.add(o.asText()));
            for (JsonNode s : v.get("computed_stats").get("108")) {
                records.add(new Nb101Record(e.getKey(), 108, adjacency, ops, v.get("trainable_parameters").intValue(),
                        0, List.of(new Nb101Evaluation(0, 0, 0, 0, 0),
                        new Nb101Evaluation(54, s.get("halfway_training_time").asDouble(),
                                s.get("halfway_train_accuracy").asDouble(), s.get("halfway_validation_accuracy").asDouble(),
                                s.get("halfway_test_accuracy").asDouble()),
                        new Nb101Evaluation(108, s.get("final_training_time").asDouble(),
                                s.get("final_train_accuracy").asDouble(), s.get("final_validation_accuracy").asDouble(),
                                s.get("final_test_accuracy").asDouble()))));
            }
        }
        Nb101Dataset data = Nb101Dataset.load(writeFile(records), Progress.NONE);
        assertEquals(30, data.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Nb101Metrics m = data.query(e.getKey(), 108);
            assertEquals(e.getValue().get("trainable_parameters").intValue(), m.trainableParameters());
            JsonNode expected = e.getValue().get("computed_stats").get("108");
            JsonNode actual = m.toJson().get("computed_stats");
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                for (Iterator<String> f = expected.get(i).fieldNames(); f.hasNext(); ) {
                    String field = f.next();
                    assertEquals(expected.get(i).get(field).asDouble(), actual.get(i).get(field).asDouble(), 0.0, field);
                }
            }
            assertEquals(e.getValue().get("module_adjacency"), m.toJson().get("module_adjacency"));
        }
    }

    private static long secondRecordOffset(byte[] bytes) {
        return 12 + TfRecordFraming.readLong(bytes, 0) + 4;
    }
}
