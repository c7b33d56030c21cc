package org.curvebench.encoding.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The byte-level module hash agrees with a plain transcription of NAS-Bench-101's {@code hash_module}. */
class ModuleHashTest {

    /** {@code graph_util.hash_module} written with strings, as NAS-Bench-101's Python does it. */
    static String reference(boolean[][] matrix, int[] labels) throws NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        HexFormat hex = HexFormat.of();
        int n = matrix.length;
        String[] hashes = new String[n];
        for (int v = 0; v < n; v++) {
            int in = 0;
            int out = 0;
            for (int w = 0; w < n; w++) {
                in += matrix[w][v] ? 1 : 0;
                out += matrix[v][w] ? 1 : 0;
            }
            String tuple = "(" + out + ", " + in + ", " + labels[v] + ")";
            hashes[v] = hex.formatHex(md5.digest(tuple.getBytes(StandardCharsets.UTF_8)));
        }
        for (int round = 0; round < n; round++) {
            String[] next = new String[n];
            for (int v = 0; v < n; v++) {
                List<String> ins = new ArrayList<>();
                List<String> outs = new ArrayList<>();
                for (int w = 0; w < n; w++) {
                    if (matrix[w][v]) {
                        ins.add(hashes[w]);
                    }
                    if (matrix[v][w]) {
                        outs.add(hashes[w]);
                    }
                }
                ins.sort(null);
                outs.sort(null);
                String text = String.join("", ins) + "|" + String.join("", outs) + "|" + hashes[v];
                next[v] = hex.formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
            }
            hashes = next;
        }
        List<String> sorted = new ArrayList<>(List.of(hashes));
        sorted.sort(null);
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            list.append(i == 0 ? "'" : ", '").append(sorted.get(i)).append('\'');
        }
        return hex.formatHex(md5.digest(list.append(']').toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A random DAG of 1..max vertices, upper-triangular, with input and output labels and random operations. */
    static Object[] randomGraph(SplittableRandom random, int max) {
        int n = 1 + random.nextInt(max);
        boolean[][] matrix = new boolean[n][n];
        double density = random.nextDouble();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                matrix[i][j] = random.nextDouble() < density;
            }
        }
        int[] labels = new int[n];
        for (int v = 0; v < n; v++) {
            labels[v] = v == 0 ? -1 : v == n - 1 ? -2 : random.nextInt(3);
        }
        if (random.nextInt(10) == 0) {
            labels[random.nextInt(n)] = 7 + random.nextInt(1000);
        }
        return new Object[] {matrix, labels};
    }

    @Test
    void agreesWithTheStringTranscription() throws Exception {
        SplittableRandom random = new SplittableRandom(101);
        for (int k = 0; k < 3000; k++) {
            Object[] g = randomGraph(random, k < 2500 ? 7 : 20);
            boolean[][] matrix = (boolean[][]) g[0];
            int[] labels = (int[]) g[1];
            assertEquals(reference(matrix, labels), ModuleHash.of(matrix, labels), k + ": " + labels.length);
        }
    }

    @Test
    void degreesBeyondTheTableAndSelfLoops() throws Exception {
        int n = 12;
        boolean[][] full = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                full[i][j] = i != j || i % 3 == 0;
            }
        }
        int[] labels = new int[n];
        for (int v = 0; v < n; v++) {
            labels[v] = v % 5 - 2;
        }
        assertEquals(reference(full, labels), ModuleHash.of(full, labels));
    }

    @Test
    void threadsHashIndependently() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<Object[]> graphs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            Object[] g = randomGraph(random, 7);
            graphs.add(g);
            expected.add(reference((boolean[][]) g[0], (int[]) g[1]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    for (Object[] g : graphs) {
                        out.add(ModuleHash.of((boolean[][]) g[0], (int[]) g[1]));
                    }
                    return out;
                }));
            }
            for (Future<List<String>> r : results) {
                assertEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hexDigitsOfAWord() {
        byte[] text = new byte[8];
        long v = ModuleHash.hexDigits(0x09af3c7e);
        for (int i = 0; i < 8; i++) {
            text[i] = (byte) (v >>> (8 * i));
        }
        assertEquals("09af3c7e", new String(text, StandardCharsets.US_ASCII));
    }
}
