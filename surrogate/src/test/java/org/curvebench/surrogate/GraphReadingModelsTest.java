package org.curvebench.surrogate;

import static org.curvebench.surrogate.SurrogateTestData.SPLIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.models.CurveRegressor;
import org.curvebench.models.ObliviousBoostingTrainer;
import org.curvebench.models.RegressorTrainer;
import org.junit.jupiter.api.Test;

/**
 * A surrogate gives its inputs cell graphs when any of its models reads them, not only the primary regressor: with a
 * learned encoding, cross-validation may keep it for the cell model and drop it for the primary.
 */
class GraphReadingModelsTest {

    /** Trees that, for inputs of {@code graphDimension} features, refuse an input without its graph. */
    record GraphsFor(int graphDimension) implements RegressorTrainer {

        @Override
        public String name() {
            return "oblivious";
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of();
        }

        @Override
        public boolean readsGraphs() {
            return true;
        }

        @Override
        public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                                  Progress progress) {
            CurveRegressor trees = ObliviousBoostingTrainer.defaults().withMaxRounds(20).fit(x, y, xValid, yValid, seed,
                    progress);
            boolean graphs = x.dimension() == graphDimension;
            return new CurveRegressor() {
                @Override
                public int inputDimension() {
                    return trees.inputDimension();
                }

                @Override
                public int outputDimension() {
                    return trees.outputDimension();
                }

                @Override
                public boolean readsGraphs() {
                    return graphs;
                }

                @Override
                public void predict(ModelInput input, double[] out) {
                    if (graphs && input.graph().isEmpty()) {
                        throw new IllegalArgumentException("this model reads the cell graph, and this input has none");
                    }
                    trees.predict(input, out);
                }
            };
        }
    }

    @Test
    void theCellModelGetsItsGraphsWhenOnlyItReadsThem() {
        CurveDataset small = SPLIT.train().subset(SPLIT.train().architectures().subList(0, 200));
        int cellFeatures = small.space().defaultEncoder().encode(small.architectures().get(0).architecture()).length;
        CurveSurrogate s = new SurrogateTrainer(SurrogateConfig.defaults("val_acc").withObservedEpochs(3)
                .withRegressor(new GraphsFor(cellFeatures)), Progress.NONE, w -> { }).fit(small);
        assertFalse(s.regressor().readsGraphs());
        ArchitectureRuns a = SPLIT.test().architectures().get(0);
        double[] farAbove = {400, 450, 500};
        double[] curve = s.meanCurve(a.architecture(), farAbove).toArray();
        assertEquals(s.epochs(), curve.length);
        assertTrue(Double.isFinite(curve[curve.length - 1]));
        double[] batch = new double[s.epochs()];
        s.meanCurves(ModelInputs.of(java.util.List.of(s.input(a.architecture(), farAbove))), batch);
        assertEquals(curve[curve.length - 1], batch[batch.length - 1], 1e-9);
    }
}
