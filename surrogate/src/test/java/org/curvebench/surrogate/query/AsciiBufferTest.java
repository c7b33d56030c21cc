package org.curvebench.surrogate.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The number formats of query answers: exact round trips, no longer than the shortest, and fixed decimals. */
class AsciiBufferTest {

    private static String shortest(float f) {
        AsciiBuffer b = new AsciiBuffer(32);
        b.appendShortest(f);
        return new String(b.toByteArray(), StandardCharsets.US_ASCII);
    }

    /** Significant digits of a plain or E-notation decimal. */
    private static int significant(String s) {
        String m = s.replace("-", "");
        int e = m.indexOf('E');
        if (e >= 0) {
            m = m.substring(0, e);
        }
        m = m.replace(".", "").replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(1, m.length());
    }

    @Test
    void shortestFloatsReadBackExactlyAndAreNoLongerThanSchubfach() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 300_000; i++) {
            float f = switch (i % 4) {
                case 0 -> (float) (random.nextDouble() * 100);                        // accuracies
                case 1 -> (float) (random.nextDouble() * 12);                         // losses
                case 2 -> Float.intBitsToFloat(random.nextInt());                     // any bits
                default -> (float) (Math.round(random.nextDouble() * 10000) / 100.0); // round decimals
            };
            if (!Float.isFinite(f)) {
                continue;
            }
            String s = shortest(f);
            assertEquals(f, Float.parseFloat(s), 0f, s);
            assertEquals(Float.floatToIntBits(f), Float.floatToIntBits(Float.parseFloat(s)), s);
            assertTrue(significant(s) <= significant(FloatToDecimal.toString(f)), s + " vs " + FloatToDecimal.toString(f));
        }
    }

    @Test
    void knownValues() {
        assertEquals("31.2", shortest(31.2f));
        assertEquals("100.0", shortest(100f));
        assertEquals("-0.5", shortest(-0.5f));
        assertEquals("0.001", shortest(0.001f));
        assertEquals("1.0E-4", shortest(1e-4f));
        assertEquals("0.0", shortest(0f));
        assertEquals("1.0E7", shortest(1e7f));
    }

    @Test
    void fixedDecimalsRoundHalfUpAndNonFiniteIsNull() {
        AsciiBuffer b = new AsciiBuffer(8);
        b.appendNumber(2.345, 2).append(',').appendNumber(-0.004, 2).append(',').appendNumber(7, 0).append(',')
                .appendNumber(Double.NaN, -1).append(',').appendNumber(-1.005, 1);
        assertEquals("2.35,0.00,7,null,-1.0", new String(b.toByteArray(), StandardCharsets.US_ASCII));
    }
}
