package org.curvebench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;
import org.junit.jupiter.api.Test;

/** Members on their own seeds and resamples; the ensemble predicts their mean, deterministically. */
class EnsembleTrainerTest {

    private static double[][] rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = r.nextDouble();
            }
        }
        return x;
    }

    private static double[][] labels(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = new double[] {Math.sin(4 * x[i][0]) + x[i][1], x[i][2] * x[i][2]};
        }
        return y;
    }

    @Test
    void meanOfMembersThatDisagree() {
        double[][] x = rows(300, 1);
        double[][] xv = rows(40, 2);
        EnsembleTrainer t = new EnsembleTrainer(ObliviousBoostingTrainer.defaults().withMaxRounds(30), 3);
        assertEquals(3, t.hyperparameters().get("ensemble"));
        assertEquals("oblivious", t.name());
        EnsembleRegressor e = (EnsembleRegressor) t.fit(ModelInputs.ofFeatureMatrix(x), labels(x),
                ModelInputs.ofFeatureMatrix(xv), labels(xv), 7, Progress.NONE);
        assertEquals(3, e.members().size());
        double[][] probe = rows(20, 3);
        double spread = 0;
        for (double[] p : probe) {
            ModelInput in = ModelInput.ofFeatures(p);
            double[][] each = new double[3][2];
            e.predictMembers(in, each);
            double[] mean = new double[2];
            e.predict(in, mean);
            for (int o = 0; o < 2; o++) {
                assertEquals((each[0][o] + each[1][o] + each[2][o]) / 3, mean[o], 1e-12);
                spread = Math.max(spread, Math.abs(each[0][o] - each[1][o]));
            }
        }
        assertTrue(spread > 0, "members on other resamples differ");
        double[] batch = new double[probe.length * 2];
        e.predictBatch(ModelInputs.ofFeatureMatrix(probe), batch);
        double[] one = new double[2];
        e.predict(ModelInput.ofFeatures(probe[5]), one);
        assertArrayEquals(one, new double[] {batch[10], batch[11]}, 1e-12);

        EnsembleRegressor again = (EnsembleRegressor) t.fit(ModelInputs.ofFeatureMatrix(x), labels(x),
                ModelInputs.ofFeatureMatrix(xv), labels(xv), 7, Progress.NONE);
        double[] twice = new double[2];
        again.predict(ModelInput.ofFeatures(probe[5]), twice);
        assertArrayEquals(one, twice, 0.0);
    }
}
