package org.curvebench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Records the rows (by their first feature, an id) each member trains and validates on; fits the trees. */
    private static final class Recording implements RegressorTrainer {
        final List<Set<Integer>> trained = new ArrayList<>();
        final List<Set<Integer>> validated = new ArrayList<>();
        final List<Integer> trainedRows = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of();
        }

        @Override
        public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                                  Progress progress) {
            trained.add(ids(x));
            validated.add(ids(xValid));
            trainedRows.add(x.size());
            return ObliviousBoostingTrainer.defaults().withMaxRounds(3).fit(x, y, xValid, yValid, seed, progress);
        }

        private static Set<Integer> ids(ModelInputs x) {
            Set<Integer> s = new HashSet<>();
            for (int i = 0; i < x.size(); i++) {
                s.add((int) x.get(i).features()[0]);
            }
            return s;
        }
    }

    private static double[][] numbered(int from, int n) {
        double[][] x = rows(n, from);
        for (int i = 0; i < n; i++) {
            x[i][0] = from + i;
        }
        return x;
    }

    @Test
    void foldsGiveEachMemberItsOwnHeldOutSliceOfAllTheArchitectures() {
        double[][] x = numbered(0, 90);
        double[][] xv = numbered(90, 10);
        Recording rec = new Recording();
        EnsembleTrainer t = new EnsembleTrainer(rec, 5);
        assertEquals(EnsembleTrainer.Resampling.FOLDS, t.resampling());
        assertEquals("folds", t.hyperparameters().get("ensemble_resampling"));
        t.fit(ModelInputs.ofFeatureMatrix(x), labels(x), ModelInputs.ofFeatureMatrix(xv), labels(xv), 3, Progress.NONE);
        Set<Integer> everValidated = new HashSet<>();
        for (int m = 0; m < 5; m++) {
            Set<Integer> train = rec.trained.get(m);
            Set<Integer> valid = rec.validated.get(m);
            assertEquals(90, train.size(), "each member trains on as many architectures as a single fit");
            assertEquals(90, rec.trainedRows.get(m), "no architecture twice");
            assertEquals(10, valid.size());
            Set<Integer> both = new HashSet<>(train);
            both.retainAll(valid);
            assertTrue(both.isEmpty(), "member " + m + " validates on architectures it trains on: " + both);
            Set<Integer> union = new HashSet<>(train);
            union.addAll(valid);
            assertEquals(100, union.size(), "every architecture is used by every member");
            for (int other = 0; other < m; other++) {
                assertFalse(valid.equals(rec.validated.get(other)), "members " + other + " and " + m + " share a slice");
            }
            everValidated.addAll(valid);
        }
        assertEquals(50, everValidated.size(), "five disjoint slices of ten");
        assertFalse(xv.length == 0);
        Set<Integer> original = new HashSet<>();
        for (int i = 90; i < 100; i++) {
            original.add(i);
        }
        assertTrue(rec.validated.stream().anyMatch(v -> !v.equals(original)), "the slices are not the given validation set");

        Recording again = new Recording();
        new EnsembleTrainer(again, 5).fit(ModelInputs.ofFeatureMatrix(x), labels(x), ModelInputs.ofFeatureMatrix(xv),
                labels(xv), 3, Progress.NONE);
        assertEquals(rec.validated, again.validated, "the slices come from the seed");
    }

    @Test
    void foldsWithoutValidationArchitecturesTrainEveryMemberOnAll() {
        double[][] x = numbered(0, 40);
        Recording rec = new Recording();
        new EnsembleTrainer(rec, 3).fit(ModelInputs.ofFeatureMatrix(x), labels(x), ModelInputs.ofFeatureMatrix(new double[0][]),
                new double[0][], 1, Progress.NONE);
        for (int m = 0; m < 3; m++) {
            assertEquals(40, rec.trained.get(m).size());
            assertTrue(rec.validated.get(m).isEmpty());
        }
    }

    @Test
    void bootstrapMembersShareTheValidationSetAndDrawTheirTrainingRows() {
        double[][] x = numbered(0, 90);
        double[][] xv = numbered(90, 10);
        Recording rec = new Recording();
        EnsembleTrainer t = new EnsembleTrainer(rec, 3, EnsembleTrainer.Resampling.of("bootstrap"));
        t.fit(ModelInputs.ofFeatureMatrix(x), labels(x), ModelInputs.ofFeatureMatrix(xv), labels(xv), 3, Progress.NONE);
        for (int m = 0; m < 3; m++) {
            assertEquals(10, rec.validated.get(m).size());
            assertTrue(rec.validated.get(m).stream().allMatch(i -> i >= 90));
            assertEquals(90, rec.trainedRows.get(m));
            assertTrue(rec.trained.get(m).size() < 80, "a bootstrap draw repeats rows: " + rec.trained.get(m).size());
            assertTrue(rec.trained.get(m).stream().allMatch(i -> i < 90));
        }
        assertEquals("unknown ensemble resampling 'jackknife'; known: folds, bootstrap",
                assertThrows(IllegalArgumentException.class, () -> EnsembleTrainer.Resampling.of("jackknife")).getMessage());
    }
}
