package org.curvebench.surrogate.query;

import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A growable byte buffer for ASCII output, with the number formats of query answers: a float's shortest
 * round-trip form (Schubfach, through jackson-core) or a fixed number of decimals. Not thread-safe: one per worker.
 */
final class AsciiBuffer {

    private static final long[] POW10 = new long[16];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Most decimals {@code --precision} accepts. */
    static final int MAX_PRECISION = 12;

    private byte[] bytes;
    private int size;

    AsciiBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    void truncate(int length) {
        size = length;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    AsciiBuffer append(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Appends a string of ASCII characters (JSON text as Jackson writes it is ASCII-safe when escaped). */
    AsciiBuffer append(String s) {
        int n = s.length();
        ensure(n * 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes[size++] = (byte) c;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < n) {
                    utf8 = s.substring(i, i + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    i++;
                }
                ensure(utf8.length);
                System.arraycopy(utf8, 0, bytes, size, utf8.length);
                size += utf8.length;
            }
        }
        return this;
    }

    /** Appends a string known to hold only ASCII characters (numbers), copied byte for byte. */
    @SuppressWarnings("deprecation")
    private AsciiBuffer appendAscii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, bytes, size);
        size += n;
        return this;
    }

    AsciiBuffer append(long v) {
        return append(Long.toString(v));
    }

    /**
     * Appends {@code v} as JSON: with {@code precision} &lt; 0 the shortest text that reads back as the same float
     * (the precision a surrogate has), else rounded to that many decimals; NaN and infinities as {@code null}.
     */
    AsciiBuffer appendNumber(double v, int precision) {
        if (!Double.isFinite(v)) {
            return append("null");
        }
        if (precision < 0) {
            return appendShortest((float) v);
        }
        double scaled = v * POW10[precision];
        if (Math.abs(scaled) >= 1e15) {
            return append(new BigDecimal(v).setScale(precision, RoundingMode.HALF_UP).toPlainString());
        }
        long q = round(scaled);
        if (q < 0) {
            append('-');
            q = -q;
        }
        long whole = q / POW10[precision];
        append(whole);
        if (precision > 0) {
            long frac = q % POW10[precision];
            ensure(precision + 1);
            bytes[size++] = '.';
            for (int i = precision - 1; i >= 0; i--) {
                bytes[size + i] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            size += precision;
        }
        return this;
    }

    /**
     * Appends the shortest decimal that reads back as {@code f}. Values of everyday size (1e-3 to 1e7) are written
     * in plain notation with the fewest decimals whose rounding lies strictly inside f's rounding interval,
     * decided exactly (the sign of {@code fma(bound, 10^d, -q)} is that of the exact difference), searched from 7
     * significant digits; others, and the rare candidates that sit exactly on an interval bound, take Schubfach
     * (jackson-core's {@code FloatToDecimal}).
     */
    AsciiBuffer appendShortest(float f) {
        float a = Math.abs(f);
        if (a >= 1e-3f && a < 1e7f) {
            double x = f;
            double lo = (x + Math.nextDown(f)) / 2;
            double hi = (x + Math.nextUp(f)) / 2;
            // start at 7 significant digits, where most floats end, then move to the fewest decimals that fit
            int whole = 0;
            while (whole < 7 && a >= POW10[whole]) {
                whole++;
            }
            int d = Math.max(0, Math.min(9, 7 - whole + (a < 1 ? leadingZeros(a) : 0)));
            long q = fitting(x, lo, hi, d);
            if (q != Long.MIN_VALUE) {
                while (d > 0) {
                    long shorter = fitting(x, lo, hi, d - 1);
                    if (shorter == Long.MIN_VALUE) {
                        break;
                    }
                    q = shorter;
                    d--;
                }
                return appendFixed(q, d);
            }
            for (d = d + 1; d <= 9; d++) {
                q = fitting(x, lo, hi, d);
                if (q != Long.MIN_VALUE) {
                    return appendFixed(q, d);
                }
            }
        }
        return appendAscii(FloatToDecimal.toString(f));
    }

    /** Zeros between the point and the first significant digit of {@code a} in (0, 1). */
    private static int leadingZeros(float a) {
        int z = 0;
        while (z < 9 && a * POW10[z + 1] < 1) {
            z++;
        }
        return z;
    }

    /**
     * {@code round(x * 10^d)} when that many decimals read back as x (strictly inside its rounding interval
     * {@code (lo, hi)}, decided exactly), else {@link Long#MIN_VALUE}.
     */
    private static long fitting(double x, double lo, double hi, int d) {
        double scale = POW10[d];
        long q = round(x * scale);
        double qd = q;
        return Math.fma(lo, scale, -qd) < 0 && Math.fma(hi, scale, -qd) > 0 ? q : Long.MIN_VALUE;
    }

    /**
     * {@link Math#round(double)}'s result (ties towards positive infinity), through {@link Math#rint}, which the JIT
     * turns into one instruction where {@code Math.round} is a long branchy sequence; ties take {@code Math.round}.
     */
    static long round(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) == 0.5 ? Math.round(v) : (long) r;
    }

    /**
     * Appends {@code s} between quotes when it is written in JSON as it is (printable ASCII, no quote or
     * backslash) and returns true; otherwise appends nothing and returns false.
     */
    boolean appendPlainQuoted(String s) {
        int n = s.length();
        ensure(n + 2);
        int at = size;
        bytes[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
            bytes[at++] = (byte) c;
        }
        bytes[at++] = '"';
        size = at;
        return true;
    }

    /** Appends {@code q / 10^decimals} in plain notation, with at least one decimal ({@code |q| < 10^16}). */
    private AsciiBuffer appendFixed(long q, int decimals) {
        ensure(24);
        if (q < 0) {
            bytes[size++] = '-';
            q = -q;
        }
        if (q <= Integer.MAX_VALUE) {
            return appendFixed((int) q, decimals);
        }
        long whole = q / POW10[decimals];
        int frac = (int) (q - whole * POW10[decimals]);
        size = writeDigits(whole, size);
        bytes[size++] = '.';
        if (decimals == 0) {
            bytes[size++] = '0';
            return this;
        }
        for (int i = decimals - 1; i >= 0; i--) {
            int next = frac / 10;
            bytes[size + i] = (byte) ('0' + frac - next * 10);
            frac = next;
        }
        size += decimals;
        return this;
    }

    /** {@link #appendFixed(long, int)} of a non-negative int: its digits written once, the point put among them. */
    private AsciiBuffer appendFixed(int q, int decimals) {
        int n = digits(q);
        int whole = n - decimals;
        int at = size;
        if (whole <= 0) {
            bytes[at++] = '0';
            bytes[at++] = '.';
            for (int i = whole; i < 0; i++) {
                bytes[at++] = '0';
            }
            size = writeDigits(q, n, at);
            return this;
        }
        int end = writeDigits(q, n, at);
        if (decimals == 0) {
            bytes[end++] = '.';
            bytes[end++] = '0';
            size = end;
            return this;
        }
        for (int i = end; i > at + whole; i--) {
            bytes[i] = bytes[i - 1];
        }
        bytes[at + whole] = '.';
        size = end + 1;
        return this;
    }

    /** Decimal digits of a non-negative int. */
    private static int digits(int v) {
        return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6
                : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
    }

    /** "00" to "99", two bytes each. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** Writes the {@code n} digits of {@code v} (non-negative) at {@code at}, two at a time; returns the end. */
    private int writeDigits(int v, int n, int at) {
        int i = at + n;
        while (v >= 100) {
            int next = v / 100;
            int pair = (v - next * 100) << 1;
            bytes[--i] = PAIRS[pair + 1];
            bytes[--i] = PAIRS[pair];
            v = next;
        }
        if (v >= 10) {
            bytes[--i] = PAIRS[(v << 1) + 1];
            bytes[--i] = PAIRS[v << 1];
        } else {
            bytes[--i] = (byte) ('0' + v);
        }
        return at + n;
    }

    /** Writes the digits of {@code v} (non-negative) at {@code at}; returns the position after them. */
    private int writeDigits(long v, int at) {
        String digits = Long.toString(v);
        for (int i = 0; i < digits.length(); i++) {
            bytes[at + i] = (byte) digits.charAt(i);
        }
        return at + digits.length();
    }

    /** Appends {@code v} as 4 little-endian bytes of a float32, as NumPy's {@code <f4} holds it. */
    AsciiBuffer appendFloat32(double v) {
        ensure(4);
        int bits = Float.floatToRawIntBits((float) v);
        bytes[size++] = (byte) bits;
        bytes[size++] = (byte) (bits >>> 8);
        bytes[size++] = (byte) (bits >>> 16);
        bytes[size++] = (byte) (bits >>> 24);
        return this;
    }

    /** Appends raw bytes. */
    AsciiBuffer append(byte[] raw) {
        ensure(raw.length);
        System.arraycopy(raw, 0, bytes, size, raw.length);
        size += raw.length;
        return this;
    }

    /** A copy of {@code length} bytes from {@code from}. */
    byte[] copy(int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
