package org.curvebench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.curvebench.core.Progress;
import org.junit.jupiter.api.Test;

class ObliviousBoostingTrainerTest {

    private static final ObliviousBoostingTrainer TRAINER = new ObliviousBoostingTrainer(0.2, 6, 400, 30, 1.0, 64, 2);

    private static double[][] inputs(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][5];
        for (double[] row : x) {
            row[0] = r.nextDouble();
            row[1] = r.nextDouble();
            row[2] = r.nextDouble();
            row[3] = r.nextInt(3);
            row[4] = r.nextInt(2);
        }
        return x;
    }

    private static double[][] targets(double[][] x) {
        double[][] y = new double[x.length][3];
        for (int i = 0; i < x.length; i++) {
            double[] v = x[i];
            y[i][0] = 3 * v[0] + (v[1] > 0.5 ? 2 : 0) + v[3];
            y[i][1] = Math.sin(4 * v[2]) - v[0] * v[4];
            y[i][2] = v[0] * v[1] + 0.5 * v[3] * v[4];
        }
        return y;
    }

    private static ObliviousTreeRegressor fit(ObliviousBoostingTrainer trainer) {
        double[][] x = inputs(3000, 1);
        double[][] xv = inputs(400, 2);
        return trainer.fit(x, targets(x), xv, targets(xv), 7, Progress.NONE);
    }

    @Test
    void learnsANonLinearMultiOutputFunction() {
        ObliviousTreeRegressor model = fit(TRAINER);
        double[][] xt = inputs(1000, 3);
        double[][] yt = targets(xt);
        double[] out = new double[3];
        for (int o = 0; o < 3; o++) {
            double mean = 0;
            for (double[] row : yt) {
                mean += row[o] / yt.length;
            }
            double err = 0;
            double var = 0;
            for (int i = 0; i < xt.length; i++) {
                model.predict(xt[i], out);
                err += (out[o] - yt[i][o]) * (out[o] - yt[i][o]);
                var += (yt[i][o] - mean) * (yt[i][o] - mean);
            }
            assertTrue(err / var < 0.03, "output " + o + ": relative squared error " + err / var);
        }
        assertEquals(5, model.inputDimension());
        assertEquals(3, model.outputDimension());
    }

    @Test
    void batchPredictionsEqualSingleOnesExactly() {
        ObliviousTreeRegressor model = fit(TRAINER);
        int rows = 203; // not a multiple of the block
        double[][] xt = inputs(rows, 4);
        xt[5][0] = Double.NaN;
        xt[6][1] = Double.POSITIVE_INFINITY;
        xt[7][2] = Double.NEGATIVE_INFINITY;
        xt[8][3] = -0.0;
        double[] flat = new double[rows * 5];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(xt[i], 0, flat, i * 5, 5);
        }
        double[] batch = new double[rows * 3];
        model.predictBatch(flat, rows, batch);
        double[] one = new double[3];
        for (int i = 0; i < rows; i++) {
            model.predict(xt[i], one);
            for (int o = 0; o < 3; o++) {
                assertEquals(Double.doubleToLongBits(one[o]), Double.doubleToLongBits(batch[i * 3 + o]), "row " + i);
            }
        }
    }

    @Test
    void nanIsTreatedAsPositiveInfinity() {
        ObliviousTreeRegressor model = fit(TRAINER);
        double[] a = inputs(1, 5)[0];
        double[] b = a.clone();
        a[0] = Double.NaN;
        b[0] = Double.POSITIVE_INFINITY;
        double[] pa = new double[3];
        double[] pb = new double[3];
        model.predict(a, pa);
        model.predict(b, pb);
        assertArrayEquals(pb, pa);
    }

    @Test
    void jsonRoundTripKeepsPredictions() throws Exception {
        ObliviousTreeRegressor model = fit(TRAINER);
        ObjectMapper json = registeredMapper();
        String text = json.writeValueAsString((CurveRegressor) model);
        assertTrue(text.contains("\"type\":\"oblivious-trees\""), text.substring(0, Math.min(200, text.length())));
        FeatureRegressor back = (FeatureRegressor) json.readValue(text, CurveRegressor.class);
        assertTrue(back instanceof ObliviousTreeRegressor);
        double[] p = new double[3];
        double[] q = new double[3];
        for (double[] row : inputs(200, 6)) {
            model.predict(row, p);
            back.predict(row, q);
            assertArrayEquals(p, q);
        }
    }

    @Test
    void deterministicWhateverTheThreadCount() {
        ObliviousTreeRegressor a = fit(TRAINER);
        ObliviousTreeRegressor b = fit(TRAINER);
        ObliviousTreeRegressor c = fit(new ObliviousBoostingTrainer(0.2, 6, 400, 30, 1.0, 64, 1));
        ObjectMapper json = new ObjectMapper();
        try {
            String ja = json.writeValueAsString(a);
            assertEquals(ja, json.writeValueAsString(b));
            assertEquals(ja, json.writeValueAsString(c));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void earlyStoppingKeepsFewerRoundsThanTheLimit() {
        double[][] x = inputs(500, 8);
        double[][] xv = inputs(200, 9);
        Random r = new Random(10);
        double[][] y = new double[x.length][2];
        for (double[] row : y) {
            row[0] = r.nextGaussian();
            row[1] = r.nextGaussian();
        }
        double[][] yv = new double[xv.length][2];
        ObliviousTreeRegressor noise = new ObliviousBoostingTrainer(0.3, 4, 500, 10, 1.0, 32, 1)
                .fit(x, y, xv, yv, 0, Progress.NONE);
        assertTrue(noise.treeCount() < 100, noise.treeCount() + " trees");
        ObliviousTreeRegressor noValidation = new ObliviousBoostingTrainer(0.3, 4, 50, 10, 1.0, 32, 1)
                .fit(x, y, new double[0][], new double[0][], 0, Progress.NONE);
        assertEquals(50, noValidation.treeCount());
    }

    @Test
    void binsBinaryConstantAndContinuousFeatures() {
        double[] binary = {0, 1, 1, 0, 1, 0, 0};
        assertArrayEquals(new double[] {0.5}, ObliviousBoostingTrainer.binThresholds(binary, 255));
        assertArrayEquals(new double[0], ObliviousBoostingTrainer.binThresholds(new double[] {3, 3, 3}, 255));
        double[] many = new double[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        double[] cuts = ObliviousBoostingTrainer.binThresholds(many, 10);
        assertEquals(9, cuts.length);
        for (int b = 0; b < cuts.length; b++) {
            assertEquals(100 * (b + 1) - 0.5, cuts[b], 1e-9);
        }
        assertEquals(0, ObliviousBoostingTrainer.binOf(new double[] {0.5}, 0));
        assertEquals(1, ObliviousBoostingTrainer.binOf(new double[] {0.5}, 1));
        assertEquals(1, ObliviousBoostingTrainer.binOf(new double[] {0.5}, Double.NaN));
        assertEquals(0, ObliviousBoostingTrainer.binOf(new double[] {0.5}, 0.5));
    }

    @Test
    void constantFeaturesAreNeverSplitOn() {
        double[][] x = inputs(600, 11);
        for (double[] row : x) {
            row[2] = 4.0;
        }
        ObliviousTreeRegressor model = TRAINER.withMaxRounds(20).fit(x, targets(x), new double[0][], new double[0][], 0,
                Progress.NONE);
        double[] a = x[0].clone();
        double[] b = x[0].clone();
        b[2] = -100;
        double[] pa = new double[3];
        double[] pb = new double[3];
        model.predict(a, pa);
        model.predict(b, pb);
        assertArrayEquals(pa, pb);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new ObliviousBoostingTrainer(0.1, 6, 100, 10, 1.0, 256, 1));
        assertThrows(IllegalArgumentException.class, () -> new ObliviousBoostingTrainer(0.1, 0, 100, 10, 1.0, 64, 1));
    }

    /** A mapper that knows the model types of every registered regressor, as surrogate files use. */
    static ObjectMapper registeredMapper() {
        ObjectMapper json = new ObjectMapper();
        RegressorProvider.installed().all().forEach(p -> p.modelTypes().forEach(json::registerSubtypes));
        return json;
    }
}
