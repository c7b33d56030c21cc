package org.curvebench.encoding.nb101;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * NAS-Bench-101's module hash ({@code graph_util.hash_module}), reproduced bit for bit so that keys match the
 * hashes in NAS-Bench-101 files: each vertex starts from the MD5 of the Python text {@code (out, in, label)},
 * then for as many rounds as there are vertices takes the MD5 of its sorted in-neighbour hashes, {@code |}, its
 * sorted out-neighbour hashes, {@code |}, and its own hash; the result is the MD5 of the Python text of the
 * sorted final hashes. The hash is invariant under relabelling of the vertices.
 */
final class ModuleHash {

    private static final HexFormat HEX = HexFormat.of();

    private ModuleHash() {
    }

    /** The hash of {@code matrix} with vertex labels (-1 input, -2 output, op index otherwise). */
    static String of(boolean[][] matrix, int[] labels) {
        int n = matrix.length;
        MessageDigest md5 = md5();
        String[] hashes = new String[n];
        for (int v = 0; v < n; v++) {
            int in = 0;
            int out = 0;
            for (int w = 0; w < n; w++) {
                in += matrix[w][v] ? 1 : 0;
                out += matrix[v][w] ? 1 : 0;
            }
            hashes[v] = hex(md5, "(" + out + ", " + in + ", " + labels[v] + ")");
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
                next[v] = hex(md5, String.join("", ins) + "|" + String.join("", outs) + "|" + hashes[v]);
            }
            hashes = next;
        }
        List<String> sorted = new ArrayList<>(List.of(hashes));
        sorted.sort(null);
        StringBuilder fingerprint = new StringBuilder("[");
        for (int i = 0; i < sorted.size(); i++) {
            fingerprint.append(i == 0 ? "'" : ", '").append(sorted.get(i)).append('\'');
        }
        return hex(md5, fingerprint.append(']').toString());
    }

    private static String hex(MessageDigest md5, String text) {
        return HEX.formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this Java runtime", e);
        }
    }
}
