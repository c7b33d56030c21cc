package org.curvebench.datasets.nb101;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.curvebench.core.Progress;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel loader gives what reading the records one by one gives: the same dataset, or the same error. */
class Nb101LoaderTest {

    @TempDir
    Path dir;

    @TempDir
    static Path shared;

    /** A synthetic file of 300 cells at 4, 12 and 108 epochs (2,700 records), and its records. */
    private static Path synthetic;
    private static List<Nb101Record> records;

    @BeforeAll
    static void generate() throws IOException {
        synthetic = shared.resolve("synthetic.tfrecord");
        Nb101SyntheticFile.write(synthetic, 300, List.of(4, 12, 108), 11, Progress.NONE);
        records = new ArrayList<>();
        try (Nb101TfRecordReader r = Nb101TfRecordReader.open(synthetic)) {
            for (Optional<Nb101Record> x = r.next(); x.isPresent(); x = r.next()) {
                records.add(x.get());
            }
        }
    }

    /** Thread counts and chunk sizes: one record per chunk (chunks grown to fit), a few, many, the default. */
    private static final int[][] SETTINGS = {{1, 16}, {2, 16}, {2, 1000}, {3, 4096}, {1, Nb101Loader.CHUNK_BYTES},
        {2, Nb101Loader.CHUNK_BYTES}, {4, 20_000}};

    @Test
    void parallelLoadEqualsSequentialRead() throws IOException {
        Path file = synthetic;
        Nb101Dataset expected = Nb101Dataset.loadSequentially(file, Progress.NONE);
        expected.verifyHashes();
        assertEquals(300, expected.size());
        assertEquals(2700, expected.records());
        for (int[] s : SETTINGS) {
            assertSame(expected, Nb101Loader.load(file, Progress.NONE, s[0], s[1]), Arrays.toString(s));
        }
        assertSame(expected, Nb101Dataset.load(file, Progress.NONE), "default");
    }

    @Test
    void progressCountsEveryByte() throws IOException {
        Path file = synthetic;
        long[] total = new long[2];
        Progress count = new Progress() {
            @Override
            public void start(String task, long steps) {
                total[0] = steps;
            }

            @Override
            public void advance(long steps) {
                total[1] += steps;
            }

            @Override
            public void done() {
            }
        };
        Nb101Loader.load(file, count, 2, 1000);
        assertEquals(Files.size(file), total[0]);
        assertEquals(Files.size(file), total[1]);
    }

    private static void assertSame(Nb101Dataset expected, Nb101Dataset actual, String how) {
        assertEquals(expected.records(), actual.records(), how);
        assertEquals(new ArrayList<>(expected.hashes()), new ArrayList<>(actual.hashes()), how);
        assertEquals(new ArrayList<>(expected.budgets()), new ArrayList<>(actual.budgets()), how);
        for (String hash : expected.hashes()) {
            assertTrue(actual.hashes().contains(hash), how);
            for (int budget : expected.budgets()) {
                assertEquals(answer(expected, hash, budget), answer(actual, hash, budget), how + " " + hash);
            }
        }
        List<Integer> budgets = new ArrayList<>(expected.budgets());
        Map<String, double[]> a = expected.meanFinalValidationAccuracies(budgets);
        Map<String, double[]> b = actual.meanFinalValidationAccuracies(budgets);
        assertEquals(new ArrayList<>(a.keySet()), new ArrayList<>(b.keySet()), how);
        a.forEach((hash, acc) -> assertArrayEquals(acc, b.get(hash), 0.0, how));
    }

    /** The metrics of a query, or the message it fails with. */
    private static Object answer(Nb101Dataset data, String hash, int budget) {
        try {
            return data.query(hash, budget);
        } catch (IllegalArgumentException | DataFormatException e) {
            return e.getMessage();
        }
    }

    /** The records of a file and where each starts. */
    private record Framed(byte[] bytes, List<Integer> starts) {
        static Framed of(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            List<Integer> starts = new ArrayList<>();
            for (int p = 0; p < bytes.length; p += 16 + (int) TfRecordFraming.readLong(bytes, p)) {
                starts.add(p);
            }
            return new Framed(bytes, starts);
        }

        int dataOf(int record) {
            return starts.get(record) + TfRecordFraming.HEADER;
        }
    }

    /** Both loaders fail on {@code file}, with the same message, which names the record at {@code offset}. */
    private static String assertSameError(Path file, long offset, String what) {
        String expected = assertThrows(DataFormatException.class,
                () -> Nb101Dataset.loadSequentially(file, Progress.NONE)).getMessage();
        assertTrue(expected.startsWith(file + ": record at byte offset " + offset + ": ") && expected.contains(what),
                expected);
        for (int[] s : SETTINGS) {
            String actual = assertThrows(DataFormatException.class,
                    () -> Nb101Loader.load(file, Progress.NONE, s[0], s[1])).getMessage();
            assertEquals(expected, actual, Arrays.toString(s));
        }
        return expected;
    }

    @Test
    void corruptRecordsFailNamingTheirOffset() throws IOException {
        Framed f = Framed.of(synthetic);
        int k = 1437;
        long at = f.starts().get(k);
        Path bad = dir.resolve("bad.tfrecord");

        byte[] data = f.bytes().clone();
        data[f.dataOf(k) + 40] ^= 0x04;
        Files.write(bad, data);
        assertSameError(bad, at, "CRC32C of the record data");

        byte[] length = f.bytes().clone();
        length[(int) at + 2] ^= 0x01;
        Files.write(bad, length);
        assertSameError(bad, at, "CRC32C of the record length");

        byte[] huge = f.bytes().clone();
        TfRecordFraming.writeLong(huge, (int) at, 1L << 40);
        TfRecordFraming.writeInt(huge, (int) at + 8, TfRecordFraming.maskedCrc(huge, (int) at, 8));
        Files.write(bad, huge);
        assertSameError(bad, at, "exceeds");

        // the file cut inside the record's header, its data and its footer
        int next = f.starts().get(k + 1);
        for (int cut : new int[] {(int) at + 5, f.dataOf(k) + 100, next - 2}) {
            Files.write(bad, Arrays.copyOf(f.bytes(), cut));
            assertSameError(bad, at, "truncated");
        }
        // two errors: the earlier one is reported
        byte[] two = f.bytes().clone();
        two[f.dataOf(k) + 40] ^= 0x04;
        two[f.starts().get(k + 900) + 2] ^= 0x01;
        Files.write(bad, two);
        assertSameError(bad, at, "CRC32C of the record data");
    }

    private static Nb101Record record(String hash, int[][] adjacency, List<String> ops, int evaluations,
                                      int parameters) {
        List<Nb101Evaluation> e = new ArrayList<>();
        for (int i = 0; i < evaluations; i++) {
            e.add(new Nb101Evaluation(54 * i, 100.0 * i, 0.3 + 0.2 * i, 0.25 + 0.2 * i, 0.24 + 0.2 * i));
        }
        return new Nb101Record(hash, 108, adjacency, ops, parameters, 250.5, e);
    }

    private static Nb101Record record(String hash, int[][] adjacency, List<String> ops, int evaluations) {
        return record(hash, adjacency, ops, evaluations, 12345);
    }

    private static Nb101Record record(Nb101Cell cell, int evaluations) {
        return record(cell.canonicalKey(), cell.adjacency(), cell.ops(), evaluations);
    }

    /** Synthetic records, then {@code extra}, then more synthetic records. */
    private Path fileWith(List<Nb101Record> extra) throws IOException {
        Path file = dir.resolve("mixed.tfrecord");
        List<Nb101Record> filler = records.subList(0, 360);
        try (Nb101TfRecordWriter w = Nb101TfRecordWriter.create(file)) {
            for (Nb101Record r : filler.subList(0, 200)) {
                w.write(r);
            }
            for (Nb101Record r : extra) {
                w.write(r);
            }
            for (Nb101Record r : filler.subList(200, filler.size())) {
                w.write(r);
            }
        }
        return file;
    }

    private long offsetOfExtra(Path file, int index) throws IOException {
        return Framed.of(file).starts().get(200 + index);
    }

    @Test
    void inconsistentRecordsFailAsInTheSequentialRead() throws IOException {
        Nb101Cell cell = Nb101TfRecordTest.CELL;
        Nb101Cell chain = Nb101TfRecordTest.CHAIN;

        // a hash that is not the cell's: found when the cell is queried, or by verifyHashes()
        String other = chain.canonicalKey().replace('a', 'b').replace('1', '2');
        Path wrongHash = fileWith(List.of(record(cell, 3), record(other, cell.adjacency(), cell.ops(), 3)));
        Nb101Dataset expected = Nb101Dataset.loadSequentially(wrongHash, Progress.NONE);
        String message = assertThrows(DataFormatException.class, expected::verifyHashes).getMessage();
        assertTrue(message.startsWith(wrongHash + ": record at byte offset " + offsetOfExtra(wrongHash, 1) + ": ")
                && message.contains("is not the module hash of its cell"), message);
        for (int[] s : SETTINGS) {
            Nb101Dataset actual = Nb101Loader.load(wrongHash, Progress.NONE, s[0], s[1]);
            assertSame(expected, actual, Arrays.toString(s));
            assertEquals(message, assertThrows(DataFormatException.class, actual::verifyHashes).getMessage());
            assertEquals(message, assertThrows(DataFormatException.class, () -> actual.query(other, 108))
                    .getMessage());
        }

        Path notHex = fileWith(List.of(record("not a module hash", cell.adjacency(), cell.ops(), 3)));
        assertSameError(notHex, offsetOfExtra(notHex, 0), "is not the module hash of its cell");

        int[][] disconnected = {{0, 0, 0}, {0, 0, 1}, {0, 0, 0}};
        Path invalid = fileWith(List.of(record("0123456789abcdef0123456789abcdef", disconnected,
                List.of("input", "conv3x3-bn-relu", "output"), 3)));
        assertTrue(assertSameError(invalid, offsetOfExtra(invalid, 0), "not connected").contains("cell 0123"));

        Path fewEvaluations = fileWith(List.of(record(cell, 2)));
        assertSameError(fewEvaluations, offsetOfExtra(fewEvaluations, 0), "has 2 evaluations");
    }

    @Test
    void laterRecordsOfAKnownHashAreNotCheckedAgain() throws IOException {
        // as in the sequential read, a hash met before keeps its first cell, whatever the later records say
        Nb101Cell cell = Nb101TfRecordTest.CELL;
        int[][] disconnected = {{0, 0, 0}, {0, 0, 1}, {0, 0, 0}};
        List<Nb101Record> extra = new ArrayList<>();
        extra.add(record(cell, 3));
        for (int i = 0; i < 30; i++) {
            extra.add(record(Nb101TfRecordTest.CHAIN, 3));
        }
        extra.add(record(cell.canonicalKey(), disconnected, List.of("input", "maxpool3x3", "output"), 3));
        Path file = fileWith(extra);
        Nb101Dataset expected = Nb101Dataset.loadSequentially(file, Progress.NONE);
        assertEquals(2, expected.query(cell, 108).repeats().size());
        assertEquals(cell, expected.query(cell, 108).cell());
        for (int[] s : SETTINGS) {
            assertSame(expected, Nb101Loader.load(file, Progress.NONE, s[0], s[1]), Arrays.toString(s));
        }
    }

    @Test
    void rowsThatAreNotJsonArraysFailAsInTheSequentialRead() throws IOException {
        Path file = dir.resolve("rows.tfrecord");
        Nb101Record first = record(Nb101TfRecordTest.CELL, 3);
        try (Nb101TfRecordWriter w = Nb101TfRecordWriter.create(file)) {
            w.write(first);
            w.writePayload("[\"abc\", 108, \"0\", ".getBytes(StandardCharsets.UTF_8));
        }
        long second = Framed.of(file).starts().get(1);
        assertSameError(file, second, "record data is not JSON");
    }

    @Test
    void cellsGivenPrunedArePackedWithoutBuildingThem() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<String> names = List.of("input", "output", "conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3", "pool");
        Nb101RowDecoder decoder = new Nb101RowDecoder();
        int fast = 0;
        for (int k = 0; k < 20_000; k++) {
            int n = 1 + random.nextInt(8);
            int[][] adjacency = new int[n][n];
            double density = random.nextDouble();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    boolean upper = j > i || random.nextInt(200) == 0;
                    adjacency[i][j] = upper && random.nextDouble() < density ? 1 : 0;
                }
            }
            List<String> ops = new ArrayList<>();
            int count = random.nextInt(50) == 0 ? n + random.nextInt(3) - 1 : n;
            for (int v = 0; v < count; v++) {
                ops.add(random.nextInt(30) == 0 ? names.get(random.nextInt(names.size()))
                        : v == 0 ? "input" : v == count - 1 ? "output" : names.get(2 + random.nextInt(3)));
            }
            if (ops.isEmpty()) {
                ops.add("input");
            }
            byte[] data = row(record("0123456789abcdef0123456789abcdef", adjacency, ops, 3))
                    .getBytes(StandardCharsets.UTF_8);
            decoder.decode(data, 0, data.length, "row", 0);
            long packed = decoder.packedCell();
            Nb101Cell cell;
            try {
                cell = Nb101Cell.of(adjacency, ops);
            } catch (org.curvebench.encoding.InvalidArchitectureException e) {
                assertEquals(-1, packed, e.getMessage());
                continue;
            }
            boolean givenPruned = Arrays.deepEquals(cell.adjacency(), adjacency) && cell.ops().equals(ops);
            assertEquals(givenPruned ? Nb101Dataset.pack(cell) : -1, packed, cell.toString());
            fast += givenPruned ? 1 : 0;
        }
        assertTrue(fast > 2000, "only " + fast + " cells given pruned");
    }

    /** The data the writer makes for {@code r}, as text. */
    private static String row(Nb101Record r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Nb101TfRecordWriter w = new Nb101TfRecordWriter(out)) {
            w.write(r);
        }
        byte[] b = out.toByteArray();
        return new String(b, TfRecordFraming.HEADER, b.length - 16, StandardCharsets.UTF_8);
    }

    @Test
    void scannedRowsDecodeAsJacksonDoes() throws IOException {
        // protobufs of 153, 154 and 155 bytes: base64 without padding, with "==" and with "="
        for (int parameters : new int[] {12345, 1_234_567, 123_456_789}) {
            Nb101Cell cell = Nb101TfRecordTest.CELL;
            checkRows(record(cell.canonicalKey(), cell.adjacency(), cell.ops(), 3, parameters));
        }
    }

    private static void checkRows(Nb101Record r) throws IOException {
        String plain = row(r);
        String h = r.hash();
        String d = "0110000100010000";
        String o = String.join(",", r.ops());
        String m = Base64.getEncoder().encodeToString(ModelMetricsCodec.encode(r.evaluations(),
                r.trainableParameters(), r.totalTime()));
        assertEquals("[\"" + h + "\",108,\"" + d + "\",\"" + o + "\",\"" + m + "\"]", plain);
        String head = "[\"" + h + "\",108,\"" + d + "\",\"" + o + "\",";
        List<String> rows = List.of(
                plain,
                // NAS-Bench-101's own files: Python's json.dumps, with a space after each comma between elements
                "[\"" + h + "\", 108, \"" + d + "\", \"" + o + "\", \"" + m + "\"]",
                " \n[ \"" + h + "\"\t,108 ,\r\"" + d + "\",\"" + o + "\" , \"" + m + "\" ]\r\n\t",
                head.replace("\"input", "\"\\u0069nput") + "\"" + m + "\"]",
                head.replace(d, "\\u0030" + d.substring(1)) + "\"" + m + "\"]",
                head.replace(h, "\u00e9" + h.substring(1)) + "\"" + m + "\"]",
                head.replace(",108,", ",0108,") + "\"" + m + "\"]",
                head.replace(",108,", ",-108,") + "\"" + m + "\"]",
                head.replace(",108,", ",108.0,") + "\"" + m + "\"]",
                head.replace(",108,", ",1e2,") + "\"" + m + "\"]",
                head.replace(",108,", ",12345678901,") + "\"" + m + "\"]",
                head.replace(",108,", ",\"108\",") + "\"" + m + "\"]",
                head.replace(d, d.substring(1)) + "\"" + m + "\"]",
                head.replace(d, d.replace('1', '2')) + "\"" + m + "\"]",
                head + "\"" + m.replace("=", "") + "\"]",
                head + "\"" + m + "\"] trailing",
                head + "\"" + m + "\", \"extra\"]",
                head + "\"" + m.substring(1) + "\"]",
                head + "\"" + m.substring(4) + "\"]",
                head + "\"" + m,
                head + "\"" + m + "\"",
                head + "\"\"]",
                head + "\"!!!!\"]",
                head + "\"" + m.substring(0, 8) + " " + m.substring(8) + "\"]",
                head + "\"" + Base64.getEncoder().encodeToString(new byte[] {0x0a, 0x40}) + "\"]",
                head + "\"" + Base64.getEncoder().encodeToString(new byte[] {0x11}) + "\"]",
                head + "3]",
                "[]",
                "",
                "{}",
                "[\"h\", 108, \"\", \"\", \"\"]");
        Nb101RowDecoder decoder = new Nb101RowDecoder();
        for (String text : rows) {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            Object expected;
            try {
                expected = Nb101RowDecoder.parse(data, "row", 7);
            } catch (DataFormatException e) {
                expected = e.getMessage();
            }
            Object actual;
            byte[] padded = new byte[data.length + 10];
            System.arraycopy(data, 0, padded, 5, data.length);
            try {
                decoder.decode(padded, 5, 5 + data.length, "row", 7);
                actual = decoder.record();
            } catch (DataFormatException e) {
                actual = e.getMessage();
            }
            assertEquals(expected, actual, text);
        }
        decoder.decode(plain.getBytes(StandardCharsets.UTF_8), 0, plain.length(), "row", 7);
        assertEquals(r, decoder.record());
        assertTrue(decoder.hexHash());
        assertEquals(r.hash(), Nb101RowDecoder.hex(decoder.hashHigh(), decoder.hashLow()));
    }
}
