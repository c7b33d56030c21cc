package org.curvebench.datasets.nb101;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * Decodes the data of one NAS-Bench-101 TFRecord record, the JSON array {@code [hash, epochs, adjacency, ops,
 * metrics]}, into fields that it keeps until the next record: one decoder per thread, reused record after record.
 *
 * <p>Rows written as NAS-Bench-101 and {@link Nb101TfRecordWriter} write them (plain ASCII strings, a small
 * non-negative epoch count, padded base64) are scanned in place without allocating. Anything else, including every
 * malformed row, goes through {@link #parse}, the general Jackson-based decoding, so that results and error
 * messages do not depend on which path a row took.
 */
final class Nb101RowDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int INVALID = -1;
    private static final int PAD = -2;
    private static final int[] BASE64 = new int[256];

    /** The value of each lowercase hex digit, -1 for other bytes. */
    private static final int[] HEX_DIGIT = new int[256];

    static {
        Arrays.fill(HEX_DIGIT, -1);
        for (int i = 0; i < 16; i++) {
            HEX_DIGIT[Character.forDigit(i, 16)] = i;
        }
        Arrays.fill(BASE64, INVALID);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
        BASE64['='] = PAD;
    }

    /** The decoded metrics of the last record. */
    final ModelMetricsCodec.Sink metrics = new ModelMetricsCodec.Sink();

    private byte[] protobuf = new byte[512];

    // the last record, scanned in place: its bytes and the bounds of its strings
    private byte[] bytes;
    private int hashStart;
    private int hashEnd;
    private int digitsStart;
    private int opsStart;
    private int opsEnd;
    private int vertices;
    private int epochs;
    private boolean hexHash;
    private long hashHigh;
    private long hashLow;
    /** The last record when it went through {@link #parse}, else null. */
    private Nb101Record parsed;

    // bounds of the string last scanned by string()
    private int stringStart;
    private int stringEnd;

    /**
     * Decodes {@code data[from..to)}, the data of the record at byte {@code at} of {@code source}; throws
     * {@link DataFormatException} naming them when it is not a NAS-Bench-101 row.
     */
    void decode(byte[] data, int from, int to, String source, long at) {
        parsed = null;
        if (scan(data, from, to)) {
            readHash(null, data, hashStart, hashEnd - hashStart);
        } else {
            parsed = parse(Arrays.copyOfRange(data, from, to), source, at);
            metrics.set(parsed.evaluations(), parsed.trainableParameters(), parsed.totalTime());
            readHash(parsed.hash(), null, 0, parsed.hash().length());
        }
    }

    /** The module hash the record gives. */
    String hash() {
        return parsed != null ? parsed.hash() : new String(bytes, hashStart, hashEnd - hashStart,
                StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the hash is 32 lowercase hex digits, as every module hash is; {@link #hashHigh} and
     * {@link #hashLow} are then its value.
     */
    boolean hexHash() {
        return hexHash;
    }

    /** The first 16 hex digits of the hash as a number; the hash must be {@link #hexHash}. */
    long hashHigh() {
        return hashHigh;
    }

    /** The last 16 hex digits of the hash as a number; the hash must be {@link #hexHash}. */
    long hashLow() {
        return hashLow;
    }

    /** Reads the hash's value if it is 32 lowercase hex digits: {@code text}, else {@code b[from..from + length)}. */
    private void readHash(CharSequence text, byte[] b, int from, int length) {
        hexHash = length == 32;
        long high = 0;
        long low = 0;
        for (int i = 0; i < 32 && hexHash; i++) {
            int digit = HEX_DIGIT[(text != null ? text.charAt(i) : b[from + i]) & 0xff];
            if (i < 16) {
                high = high << 4 | digit;
            } else {
                low = low << 4 | digit;
            }
            hexHash = digit >= 0 && (text == null || text.charAt(i) < 0x80);
        }
        hashHigh = high;
        hashLow = low;
    }

    /** The 32 lowercase hex digits of a hash value. */
    static String hex(long high, long low) {
        byte[] text = new byte[32];
        for (int i = 15; i >= 0; i--) {
            text[i] = (byte) Character.forDigit((int) (high & 15), 16);
            text[16 + i] = (byte) Character.forDigit((int) (low & 15), 16);
            high >>>= 4;
            low >>>= 4;
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    int epochs() {
        return parsed != null ? parsed.epochs() : epochs;
    }

    /** The adjacency matrix as the record gives it (a new array). */
    int[][] adjacency() {
        if (parsed != null) {
            return parsed.adjacency();
        }
        int n = vertices;
        int[][] adjacency = new int[n][n];
        for (int k = 0; k < n * n; k++) {
            adjacency[k / n][k % n] = bytes[digitsStart + k] - '0';
        }
        return adjacency;
    }

    /** The operations as the record gives them. */
    List<String> ops() {
        return parsed != null ? parsed.ops()
                : List.of(new String(bytes, opsStart, opsEnd - opsStart, StandardCharsets.ISO_8859_1).split(",", -1));
    }

    /**
     * The record's cell packed as {@link Nb101Dataset#pack} packs it, when the record gives it as NAS-Bench-101's
     * files do: already pruned (every vertex on a path from the input to the output) and valid; else -1, and
     * {@link Nb101Cell#of} must prune or reject it. Reads the row's bytes without building the cell.
     */
    long packedCell() {
        int n = vertices;
        if (parsed != null || n < 2 || n > Nb101Cell.MAX_VERTICES) {
            return -1;
        }
        long bits = n;
        int p = opsStart;
        for (int v = 0; v < n; v++) {
            int end = p;
            while (end < opsEnd && bytes[end] != ',') {
                end++;
            }
            if ((end == opsEnd) != (v == n - 1)) {
                return -1;
            }
            int label = label(p, end);
            if (v == 0 ? label != Nb101Cell.INPUT_LABEL : v == n - 1 ? label != Nb101Cell.OUTPUT_LABEL : label < 0) {
                return -1;
            }
            if (v > 0 && v < n - 1) {
                bits |= (long) label << (3 + 2 * (v - 1));
            }
            p = end + 1;
        }
        int[] outs = new int[n];
        int[] ins = new int[n];
        int edges = 0;
        int k = 13;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (bytes[digitsStart + i * n + j] == '1') {
                    if (j <= i) {
                        return -1;
                    }
                    outs[i] |= 1 << j;
                    ins[j] |= 1 << i;
                    bits |= 1L << (k + j - i - 1);
                    edges++;
                }
            }
            k += n - i - 1;
        }
        int fromInput = 1;
        for (int i = 0; i < n; i++) {
            if ((fromInput >>> i & 1) != 0) {
                fromInput |= outs[i];
            }
        }
        int toOutput = 1 << (n - 1);
        for (int j = n - 1; j >= 0; j--) {
            if ((toOutput >>> j & 1) != 0) {
                toOutput |= ins[j];
            }
        }
        int all = (1 << n) - 1;
        return fromInput == all && toOutput == all && edges <= Nb101Cell.MAX_EDGES ? bits : -1;
    }

    /** The label of the operation named by {@code bytes[from..to)}: -1 input, -2 output, 0..2, or -3 for others. */
    private int label(int from, int to) {
        if (equal(from, to, Nb101Cell.INPUT)) {
            return Nb101Cell.INPUT_LABEL;
        }
        if (equal(from, to, Nb101Cell.OUTPUT)) {
            return Nb101Cell.OUTPUT_LABEL;
        }
        for (int label = 0; label < Nb101Cell.OPS.size(); label++) {
            if (equal(from, to, Nb101Cell.OPS.get(label))) {
                return label;
            }
        }
        return -3;
    }

    private boolean equal(int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (bytes[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The whole record. */
    Nb101Record record() {
        if (parsed != null) {
            return parsed;
        }
        List<Nb101Evaluation> evaluations = new ArrayList<>(metrics.evaluations);
        for (int e = 0; e < metrics.evaluations; e++) {
            evaluations.add(metrics.evaluation(e));
        }
        return new Nb101Record(hash(), epochs, adjacency(), ops(), metrics.trainableParameters, metrics.totalTime,
                evaluations);
    }

    /**
     * Scans a row of the usual shape in place; false (having decoded nothing reliable) when the row is of any
     * other shape or malformed, which {@link #parse} then decodes or rejects.
     */
    private boolean scan(byte[] b, int from, int to) {
        bytes = b;
        int p = space(b, from, to);
        if (p >= to || b[p] != '[') {
            return false;
        }
        p = string(b, space(b, p + 1, to), to);
        if (p < 0) {
            return false;
        }
        hashStart = stringStart;
        hashEnd = stringEnd;
        p = comma(b, p, to);
        if (p < 0) {
            return false;
        }
        p = integer(b, p, to);
        if (p < 0) {
            return false;
        }
        p = comma(b, p, to);
        if (p < 0 || (p = string(b, p, to)) < 0) {
            return false;
        }
        digitsStart = stringStart;
        int digits = stringEnd - stringStart;
        int n = (int) Math.round(Math.sqrt(digits));
        if (n * n != digits) {
            return false;
        }
        for (int i = stringStart; i < stringEnd; i++) {
            if (b[i] != '0' && b[i] != '1') {
                return false;
            }
        }
        vertices = n;
        p = comma(b, p, to);
        if (p < 0 || (p = string(b, p, to)) < 0) {
            return false;
        }
        opsStart = stringStart;
        opsEnd = stringEnd;
        p = comma(b, p, to);
        // the metrics, the longest string, end the row: found from the end, their bytes checked by base64()
        if (p < 0 || p >= to || b[p] != '"') {
            return false;
        }
        int close = to;
        while (close > p && isSpace(b[close - 1])) {
            close--;
        }
        if (close <= p || b[close - 1] != ']') {
            return false;
        }
        close--;
        while (close > p && isSpace(b[close - 1])) {
            close--;
        }
        if (close <= p + 1 || b[close - 1] != '"') {
            return false;
        }
        int metricsStart = p + 1;
        int metricsEnd = close - 1;
        int length = base64(b, metricsStart, metricsEnd);
        if (length < 0) {
            return false;
        }
        try {
            ModelMetricsCodec.decode(protobuf, length, metrics);
        } catch (ModelMetricsCodec.MalformedException e) {
            return false;
        }
        return true;
    }

    /** The position of the first non-whitespace byte at or after {@code p}. */
    private static int space(byte[] b, int p, int to) {
        while (p < to && isSpace(b[p])) {
            p++;
        }
        return p;
    }

    /** JSON whitespace, the only whitespace Jackson accepts between tokens. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Past a comma and the whitespace around it, or -1. */
    private static int comma(byte[] b, int p, int to) {
        p = space(b, p, to);
        return p < to && b[p] == ',' ? space(b, p + 1, to) : -1;
    }

    /** A string of printable ASCII without escapes at {@code p}: sets its bounds, returns the end, or -1. */
    private int string(byte[] b, int p, int to) {
        if (p >= to || b[p] != '"') {
            return -1;
        }
        int start = ++p;
        while (p < to) {
            byte c = b[p];
            if (c == '"') {
                stringStart = start;
                stringEnd = p;
                return p + 1;
            }
            if (c < 0x20 || c == '\\' || c == 0x7f) {
                return -1;
            }
            p++;
        }
        return -1;
    }

    /** A non-negative integer of at most 9 digits, as JSON writes it, at {@code p}: sets epochs, or -1. */
    private int integer(byte[] b, int p, int to) {
        int start = p;
        int v = 0;
        while (p < to && b[p] >= '0' && b[p] <= '9' && p - start < 10) {
            v = v * 10 + (b[p] - '0');
            p++;
        }
        int digits = p - start;
        if (digits == 0 || digits > 9 || (digits > 1 && b[start] == '0')) {
            return -1;
        }
        if (p < to && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
            return -1;
        }
        epochs = v;
        return p;
    }

    /** Decodes padded base64 into {@link #protobuf}; returns the length, or -1 for anything else. */
    private int base64(byte[] b, int from, int to) {
        int length = to - from;
        if (length % 4 != 0) {
            return -1;
        }
        if (length / 4 * 3 > protobuf.length) {
            protobuf = new byte[Math.max(length / 4 * 3, protobuf.length * 2)];
        }
        byte[] out = protobuf;
        int o = 0;
        for (int i = from; i < to; i += 4) {
            int c0 = BASE64[b[i] & 0xff];
            int c1 = BASE64[b[i + 1] & 0xff];
            int c2 = BASE64[b[i + 2] & 0xff];
            int c3 = BASE64[b[i + 3] & 0xff];
            if ((c0 | c1 | c2 | c3) >= 0) {
                int bits = c0 << 18 | c1 << 12 | c2 << 6 | c3;
                out[o++] = (byte) (bits >> 16);
                out[o++] = (byte) (bits >> 8);
                out[o++] = (byte) bits;
                continue;
            }
            if (i + 4 != to || c0 < 0 || c1 < 0) {
                return -1;
            }
            int bits = c0 << 18 | c1 << 12;
            if (c2 >= 0 && c3 == PAD) {
                bits |= c2 << 6;
                out[o++] = (byte) (bits >> 16);
                out[o++] = (byte) (bits >> 8);
            } else if (c2 == PAD && c3 == PAD) {
                out[o++] = (byte) (bits >> 16);
            } else {
                return -1;
            }
        }
        return o;
    }

    /**
     * The general decoding of a record's data with Jackson: any valid JSON row, and a message naming the record for
     * anything else.
     */
    static Nb101Record parse(byte[] data, String source, long at) {
        JsonNode row;
        try {
            row = JSON.readTree(new String(data, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw fail(source, at, "record data is not JSON: " + e.getOriginalMessage());
        }
        if (row == null || !row.isArray() || row.size() != 5 || !row.get(0).isTextual()
                || !row.get(1).isIntegralNumber() || !row.get(2).isTextual() || !row.get(3).isTextual()
                || !row.get(4).isTextual()) {
            throw fail(source, at, "record data must be [hash, epochs, adjacency, ops, base64 metrics], got "
                    + abbreviate(row));
        }
        String digits = row.get(2).asText();
        int n = (int) Math.round(Math.sqrt(digits.length()));
        if (n * n != digits.length()) {
            throw fail(source, at, "adjacency '" + digits + "' has " + digits.length() + " digits, not a square");
        }
        int[][] adjacency = new int[n][n];
        for (int k = 0; k < digits.length(); k++) {
            char ch = digits.charAt(k);
            if (ch != '0' && ch != '1') {
                throw fail(source, at, "adjacency '" + digits + "' may hold only 0 and 1, found '" + ch + "'");
            }
            adjacency[k / n][k % n] = ch - '0';
        }
        List<String> ops = List.of(row.get(3).asText().split(",", -1));
        byte[] metrics;
        try {
            metrics = Base64.getDecoder().decode(row.get(4).asText());
        } catch (IllegalArgumentException e) {
            throw fail(source, at, "metrics are not valid base64: " + e.getMessage());
        }
        ModelMetricsCodec.Decoded decoded;
        try {
            decoded = ModelMetricsCodec.decode(metrics);
        } catch (ModelMetricsCodec.MalformedException e) {
            throw fail(source, at, "metrics protobuf is malformed: " + e.getMessage());
        }
        return new Nb101Record(row.get(0).asText(), row.get(1).intValue(), adjacency, ops,
                decoded.trainableParameters(), decoded.totalTime(), new ArrayList<>(decoded.evaluations()));
    }

    private static String abbreviate(JsonNode row) {
        String s = String.valueOf(row);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** An error about the record at byte {@code at} of {@code source}. */
    static DataFormatException fail(String source, long at, String message) {
        return new DataFormatException(source + ": record at byte offset " + at + ": " + message);
    }
}
