package org.curvebench.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GIN's graph-level inputs: values, changes and their hinges, standardised over the training cells. */
class ObservedInputsTest {

    /** Two observed epochs per cell: first 0..10, second rising by 1 everywhere (a change without spread). */
    private static List<double[]> evenlySpread() {
        List<double[]> rows = new ArrayList<>();
        for (int v = 0; v <= 10; v++) {
            rows.add(new double[] {v, v + 1});
        }
        return rows;
    }

    @Test
    void knotsSitAtTheQuantilesOfEachValueAndNoneWhereAValueDoesNotVary() {
        ObservedInputs in = ObservedInputs.fit(evenlySpread(), 4);
        assertArrayEquals(new double[] {2, 4, 6, 8}, in.knots()[0], 1e-12);
        assertArrayEquals(new double[] {3, 5, 7, 9}, in.knots()[1], 1e-12);
        assertEquals(0, in.knots()[2].length, "the change is 1 for every cell");
        assertEquals(3 + 8, in.mean().length);
    }

    @Test
    void inputsAreTheValuesChangesAndHingesStandardisedOverTheTrainingCells() {
        List<double[]> rows = evenlySpread();
        ObservedInputs in = ObservedInputs.fit(rows, 4);
        double[][] x = new double[rows.size()][];
        for (int r = 0; r < x.length; r++) {
            x[r] = in.of(rows.get(r));
        }
        for (int i = 0; i < in.mean().length; i++) {
            double mean = 0;
            double sq = 0;
            for (double[] row : x) {
                mean += row[i] / x.length;
                sq += row[i] * row[i] / x.length;
            }
            assertEquals(0, mean, 1e-12, "input " + i + " is centred");
            if (i != 2) {
                assertEquals(1, sq - mean * mean, 1e-9, "input " + i + " has unit spread");
            }
        }
        // the query 7.5 (second epoch 8.5): its hinge at the first value's knot 6 is 1.5, at 8 it is 0
        double[] q = in.of(new double[] {7.5, 8.5});
        assertEquals((1.5 - in.mean()[5]) / in.scale()[5], q[5], 1e-12);
        assertEquals((0 - in.mean()[6]) / in.scale()[6], q[6], 1e-12);
        assertEquals((7.5 - in.mean()[0]) / in.scale()[0], q[0], 1e-12);
    }

    /** The reason for the hinges: a skip that must follow |x - 0.2| (turning at a knot)
     * is nearly exact with them and poor as a line. */
    @Test
    void hingesLetTheSkipFollowARelationThatTurns() {
        List<double[]> rows = new ArrayList<>();
        double[][] y = new double[201][1];
        for (int r = 0; r <= 200; r++) {
            double v = -1 + r / 100.0;
            rows.add(new double[] {v});
            y[r][0] = Math.abs(v - 0.2);
        }
        double mean = 0;
        for (double[] row : y) {
            mean += row[0] / y.length;
        }
        for (double[] row : y) {
            row[0] -= mean; // the skip, like the trainer's targets, is centred
        }
        double lineError = skipError(ObservedInputs.fit(rows, 0), rows, y);
        double hingeError = skipError(ObservedInputs.fit(rows, 4), rows, y);
        assertTrue(lineError > 0.2, "a line cannot follow |x|: " + lineError);
        assertTrue(hingeError < 0.02, "hinges follow it: " + hingeError);
    }

    private static double skipError(ObservedInputs in, List<double[]> rows, double[][] y) {
        double[][] x = new double[rows.size()][];
        for (int r = 0; r < x.length; r++) {
            x[r] = in.of(rows.get(r));
        }
        double[][] w = GinTrainer.ridge(x, y, in.mean().length, 1, 1e-6);
        double worst = 0;
        for (int r = 0; r < x.length; r++) {
            double p = 0;
            for (int i = 0; i < w.length; i++) {
                p += x[r][i] * w[i][0];
            }
            worst = Math.max(worst, Math.abs(p - y[r][0]));
        }
        return worst;
    }

    @Test
    void filesWrittenBeforeTheHingesReadAsValuesAndChangesOnly() throws Exception {
        ObservedInputs old = new ObjectMapper().readValue("{\"mean\":[1,2,1],\"scale\":[2,2,1]}", ObservedInputs.class);
        assertArrayEquals(new double[] {0.5, 1.5, 2}, old.of(new double[] {2, 5}), 1e-12);
        ObservedInputs now = ObservedInputs.fit(evenlySpread(), 4);
        String json = new ObjectMapper().writeValueAsString(now);
        ObservedInputs back = new ObjectMapper().readValue(json, ObservedInputs.class);
        assertArrayEquals(now.of(new double[] {3.3, 4.1}), back.of(new double[] {3.3, 4.1}), 0.0);
    }

    @Test
    void inconsistentFilesAndInputsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ObservedInputs(new double[3], new double[3], new double[][] {{1}, {}, {}}));
        ObservedInputs in = ObservedInputs.fit(evenlySpread(), 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.of(new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("trained on 2 observed epochs"), e.getMessage());
    }
}
