package org.curvebench.encoding.nb101;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * NAS-Bench-101's module hash ({@code graph_util.hash_module}), reproduced bit for bit so that keys match the
 * hashes in NAS-Bench-101 files: each vertex starts from the MD5 of the Python text {@code (out, in, label)},
 * then for as many rounds as there are vertices takes the MD5 of its sorted in-neighbour hashes, {@code |}, its
 * sorted out-neighbour hashes, {@code |}, and its own hash; the result is the MD5 of the Python text of the
 * sorted final hashes. The hash is invariant under relabelling of the vertices.
 *
 * <p>Checking all of NAS-Bench-101 takes 423,624 hashes of about fifty MD5s each, so each thread hashes with its
 * own {@link Hasher}, which builds the texts as bytes in reused buffers rather than as strings: each hash is kept as
 * its 128-bit value, which orders the hashes as their lowercase hex texts are ordered, and written out as hex eight
 * digits at a time.
 */
final class ModuleHash {

    /** The most vertices a hashed graph may have: neighbour sets are bits of a {@code long}. */
    static final int MAX_VERTICES = Long.SIZE;

    private static final int HEX = 32;

    /** Per thread: the MD5 engine and scratch space. */
    private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(Hasher::new);

    /** The hashes of {@code (out, in, label)} for out and in below {@link #SMALL} and labels -2..2, as values. */
    private static final int SMALL = 8;
    private static final int KINDS = SMALL * SMALL * 5;
    private static final long[] INITIAL = new long[2 * KINDS];

    static {
        MessageDigest md5 = md5();
        for (int out = 0; out < SMALL; out++) {
            for (int in = 0; in < SMALL; in++) {
                for (int label = -2; label <= 2; label++) {
                    byte[] digest = md5.digest(tuple(out, in, label).getBytes(StandardCharsets.US_ASCII));
                    int i = 2 * ((out * SMALL + in) * 5 + label + 2);
                    INITIAL[i] = value(digest, 0);
                    INITIAL[i + 1] = value(digest, 8);
                }
            }
        }
    }

    private ModuleHash() {
    }

    /** The hash of {@code matrix} with vertex labels (-1 input, -2 output, op index otherwise). */
    static String of(boolean[][] matrix, int[] labels) {
        if (matrix.length > MAX_VERTICES) {
            throw new IllegalArgumentException("module hashes are for at most " + MAX_VERTICES + " vertices, got "
                    + matrix.length);
        }
        return HASHERS.get().hash(matrix, labels);
    }

    /** One thread's MD5 engine and the state of the hash being computed, for graphs of any size up to the most. */
    private static final class Hasher {
        private final MessageDigest md5 = md5();
        private final byte[] digest = new byte[16];
        private int n;
        /** In- and out-neighbours of each vertex as bit sets. */
        private final long[] ins = new long[MAX_VERTICES];
        private final long[] outs = new long[MAX_VERTICES];
        /** Each vertex's hash as its 128-bit value, then as 32 hex digits; and the next round's values. */
        private long[] high = new long[MAX_VERTICES];
        private long[] low = new long[MAX_VERTICES];
        private long[] nextHigh = new long[MAX_VERTICES];
        private long[] nextLow = new long[MAX_VERTICES];
        private final byte[] hex = new byte[MAX_VERTICES * HEX];
        /** The vertices in ascending order of hash, and each vertex's place in that order. */
        private final int[] order = new int[MAX_VERTICES];
        private final int[] rank = new int[MAX_VERTICES];
        /** The text to digest: at most every vertex twice (in and out) and itself, or the final list. */
        private final byte[] text = new byte[(2 * MAX_VERTICES + 1) * HEX + 2];

        /**
         * The whole hash in one method, which is larger than the JIT inlines into its callers: it is compiled on its
         * own, with the small steps below inlined into it, rather than again inside each caller.
         */
        String hash(boolean[][] matrix, int[] labels) {
            n = matrix.length;
            for (int v = 0; v < n; v++) {
                ins[v] = 0;
                outs[v] = 0;
            }
            for (int v = 0; v < n; v++) {
                for (int w = 0; w < n; w++) {
                    if (matrix[v][w]) {
                        outs[v] |= 1L << w;
                        ins[w] |= 1L << v;
                    }
                }
            }
            for (int v = 0; v < n; v++) {
                initial(v, labels[v]);
            }
            for (int round = 0; round < n; round++) {
                sort();
                for (int v = 0; v < n; v++) {
                    digestVertex(v);
                }
                long[] h = high;
                high = nextHigh;
                nextHigh = h;
                long[] l = low;
                low = nextLow;
                nextLow = l;
                for (int v = 0; v < n; v++) {
                    hex(high[v], low[v], hex, v * HEX);
                }
            }
            sort();
            int at = 0;
            text[at++] = '[';
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    text[at++] = ',';
                    text[at++] = ' ';
                }
                text[at++] = '\'';
                System.arraycopy(hex, order[i] * HEX, text, at, HEX);
                at += HEX;
                text[at++] = '\'';
            }
            text[at++] = ']';
            md5.update(text, 0, at);
            finish();
            byte[] key = new byte[HEX];
            hex(value(digest, 0), value(digest, 8), key, 0);
            return new String(key, StandardCharsets.ISO_8859_1);
        }

        /** The hash of Python's {@code str((out, in, label))}, from the table when it is there. */
        private void initial(int v, int label) {
            int out = Long.bitCount(outs[v]);
            int in = Long.bitCount(ins[v]);
            if (out < SMALL && in < SMALL && label >= -2 && label <= 2) {
                int kind = (out * SMALL + in) * 5 + label + 2;
                high[v] = INITIAL[2 * kind];
                low[v] = INITIAL[2 * kind + 1];
            } else {
                md5.update(tuple(out, in, label).getBytes(StandardCharsets.US_ASCII));
                finish();
                high[v] = value(digest, 0);
                low[v] = value(digest, 8);
            }
            hex(high[v], low[v], hex, v * HEX);
        }

        /** Digests {@code v}'s sorted in-neighbours, {@code |}, sorted out-neighbours, {@code |}, itself. */
        private void digestVertex(int v) {
            int at = append(0, ins[v]);
            text[at++] = '|';
            at = append(at, outs[v]);
            text[at++] = '|';
            System.arraycopy(hex, v * HEX, text, at, HEX);
            md5.update(text, 0, at + HEX);
            finish();
            nextHigh[v] = value(digest, 0);
            nextLow[v] = value(digest, 8);
        }

        /** Appends the hex hashes of the vertices in {@code set} in ascending order at {@code at}; returns the end. */
        private int append(int at, long set) {
            long places = 0;
            for (long s = set; s != 0; s &= s - 1) {
                places |= 1L << rank[Long.numberOfTrailingZeros(s)];
            }
            for (; places != 0; places &= places - 1) {
                System.arraycopy(hex, order[Long.numberOfTrailingZeros(places)] * HEX, text, at, HEX);
                at += HEX;
            }
            return at;
        }

        /**
         * Puts the vertices in ascending order of hash, ties by vertex: each goes to the place given by the number
         * of vertices before it (loops of fixed length, without branches that the JIT would speculate on).
         */
        private void sort() {
            for (int v = 0; v < n; v++) {
                int place = 0;
                for (int w = 0; w < n; w++) {
                    place += before(w, v) ? 1 : 0;
                }
                order[place] = v;
                rank[v] = place;
            }
        }

        private boolean before(int w, int v) {
            int c = Long.compareUnsigned(high[w], high[v]);
            if (c == 0) {
                c = Long.compareUnsigned(low[w], low[v]);
            }
            return c < 0 || c == 0 && w < v;
        }

        private void finish() {
            try {
                md5.digest(digest, 0, digest.length);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Writes the 128-bit value {@code high, low} as 32 lowercase hex digits at {@code at}. */
    private static void hex(long high, long low, byte[] out, int at) {
        put(out, at, hexDigits((int) (high >>> 32)));
        put(out, at + 8, hexDigits((int) high));
        put(out, at + 16, hexDigits((int) (low >>> 32)));
        put(out, at + 24, hexDigits((int) low));
    }

    /** Stores the eight bytes of {@code v} at {@code at}, least significant first. */
    private static void put(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Eight digest bytes from {@code at}, big-endian: compared unsigned, values order as their hex text does. */
    private static long value(byte[] digest, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (digest[at + i] & 0xff);
        }
        return v;
    }

    /**
     * The eight hex digits of {@code x}, most significant first, as the bytes of a little-endian long: each nibble
     * spread into a byte, then turned into {@code '0'..'9'} or {@code 'a'..'f'} all at once.
     */
    static long hexDigits(int x) {
        long v = x & 0xffffffffL;
        v = (v | v << 16) & 0x0000ffff0000ffffL;
        v = (v | v << 8) & 0x00ff00ff00ff00ffL;
        v = (v | v << 4) & 0x0f0f0f0f0f0f0f0fL;
        // byte k holds nibble k, least significant first; letters are the nibbles from 10, which 6 carries to 16
        long letters = (v + 0x0606060606060606L) >>> 4 & 0x0101010101010101L;
        return Long.reverseBytes(v + 0x3030303030303030L + letters * ('a' - '0' - 10));
    }

    /** Python's {@code str} of the tuple {@code (out, in, label)}. */
    private static String tuple(int out, int in, int label) {
        return "(" + out + ", " + in + ", " + label + ")";
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this Java runtime", e);
        }
    }
}
