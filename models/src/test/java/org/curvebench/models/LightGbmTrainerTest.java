package org.curvebench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.util.Random;
import org.curvebench.core.Progress;
import org.junit.jupiter.api.Test;

class LightGbmTrainerTest {

    private static double[][] inputs(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][4];
        for (double[] row : x) {
            for (int j = 0; j < 4; j++) {
                row[j] = j == 3 ? r.nextInt(3) : r.nextDouble();
            }
        }
        return x;
    }

    private static double[][] targets(double[][] x) {
        double[][] y = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            y[i][0] = 3 * x[i][0] + (x[i][1] > 0.5 ? 2 : 0) + x[i][3];
            y[i][1] = Math.sin(4 * x[i][2]) - x[i][0];
        }
        return y;
    }

    @Test
    void learnsANonLinearMultiOutputFunction() {
        double[][] x = inputs(2000, 1);
        double[][] xv = inputs(300, 2);
        double[][] xt = inputs(300, 3);
        FeatureRegressor model = new LightGbmTrainer(0.1, 15, 8, 10, 1000, 30, 1)
                .fit(x, targets(x), xv, targets(xv), 0, Progress.NONE);
        double[][] yt = targets(xt);
        double[] out = new double[2];
        double err = 0;
        double var = 0;
        for (int i = 0; i < xt.length; i++) {
            model.predict(xt[i], out);
            err += Math.pow(out[0] - yt[i][0], 2) + Math.pow(out[1] - yt[i][1], 2);
            var += yt[i][0] * yt[i][0] + yt[i][1] * yt[i][1];
        }
        assertTrue(err / var < 0.01, "relative squared error " + err / var);
        assertEquals(4, model.inputDimension());
        assertEquals(2, model.outputDimension());
    }

    @Test
    void earlyStoppingKeepsFewerTreesThanTheLimit() {
        double[][] x = inputs(500, 4);
        double[][] xv = inputs(100, 5);
        TreeEnsembleRegressor model = (TreeEnsembleRegressor) new LightGbmTrainer(0.3, 15, 8, 10, 3000, 10, 1)
                .fit(x, targets(x), xv, targets(xv), 0, Progress.NONE);
        assertTrue(model.treeCount() < 2 * 3000, "trees: " + model.treeCount());
        TreeEnsembleRegressor noValidation = (TreeEnsembleRegressor) new LightGbmTrainer(0.3, 15, 8, 10, 40, 10, 1)
                .fit(x, targets(x), new double[0][], new double[0][], 0, Progress.NONE);
        assertEquals(80, noValidation.treeCount());
    }

    @Test
    void plainJavaTreesMatchLightGbmsOwnPredictions() throws Exception {
        double[][] x = inputs(400, 6);
        double[][] y = targets(x);
        String params = "objective=regression num_leaves=15 min_data_in_leaf=5 deterministic=true "
                + "force_row_wise=true num_threads=1 seed=1 verbosity=-1";
        LightGbmTrainer.loadNative();
        double[] flat = new double[400 * 4];
        float[] label = new float[400];
        for (int i = 0; i < 400; i++) {
            System.arraycopy(x[i], 0, flat, i * 4, 4);
            label[i] = (float) y[i][0];
        }
        try (LGBMDataset ds = LGBMDataset.createFromMat(flat, 400, 4, true, params, null);
             LGBMBooster booster = create(ds, label, params)) {
            for (int i = 0; i < 50; i++) {
                booster.updateOneIter();
            }
            String text = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
            TreeEnsembleRegressor trees = new LightGbmModelText.Builder(4).addOutput(text).build();
            double[] out = new double[1];
            for (double[] row : inputs(200, 7)) {
                trees.predict(row, out);
                double expected = booster.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL);
                assertEquals(expected, out[0], 1e-9);
            }
        }
    }

    @Test
    void batchAndRowByRowPredictionsAgreeOnBothPaths() {
        double[][] x = inputs(800, 10);
        TreeEnsembleRegressor model = (TreeEnsembleRegressor) new LightGbmTrainer(0.1, 31, 8, 5, 80, 10, 1)
                .fit(x, targets(x), new double[0][], new double[0][], 0, Progress.NONE);
        double[][] rows = inputs(300, 11);
        rows[7][2] = Double.NaN;
        double[] flat = new double[300 * 4];
        for (int i = 0; i < 300; i++) {
            System.arraycopy(rows[i], 0, flat, i * 4, 4);
        }
        double[] batch = new double[600];
        model.predictBatch(flat, 300, batch);
        double[] finiteBatch = new double[14];
        model.predictBatch(java.util.Arrays.copyOfRange(flat, 0, 28), 7, finiteBatch);
        double[] one = new double[2];
        for (int i = 0; i < 300; i++) {
            model.predict(rows[i], one);
            assertArrayEquals(one, java.util.Arrays.copyOfRange(batch, 2 * i, 2 * i + 2), 1e-12, "row " + i);
            if (i < 7) {
                assertArrayEquals(one, java.util.Arrays.copyOfRange(finiteBatch, 2 * i, 2 * i + 2), 1e-12, "row " + i);
            }
        }
    }

    private static LGBMBooster create(LGBMDataset ds, float[] label, String params) throws Exception {
        ds.setField("label", label);
        return LGBMBooster.create(ds, params);
    }

    @Test
    void isDeterministicAndSurvivesJson() throws Exception {
        double[][] x = inputs(300, 8);
        LightGbmTrainer trainer = new LightGbmTrainer(0.1, 7, 8, 5, 60, 10, 2);
        FeatureRegressor a = trainer.fit(x, targets(x), new double[0][], new double[0][], 3, Progress.NONE);
        FeatureRegressor b = trainer.fit(x, targets(x), new double[0][], new double[0][], 3, Progress.NONE);
        ObjectMapper json = ObliviousBoostingTrainerTest.registeredMapper();
        String text = json.writeValueAsString(a);
        assertEquals(text, json.writeValueAsString(b));
        FeatureRegressor back = (FeatureRegressor) json.readValue(text, CurveRegressor.class);
        double[] p = new double[2];
        double[] q = new double[2];
        for (double[] row : inputs(50, 9)) {
            a.predict(row, p);
            back.predict(row, q);
            assertArrayEquals(p, q, 0.0);
        }
    }
}
