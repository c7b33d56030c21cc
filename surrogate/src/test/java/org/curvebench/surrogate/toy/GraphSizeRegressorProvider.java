package org.curvebench.surrogate.toy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.curvebench.core.LearnerOptions;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;
import org.curvebench.models.CurveRegressor;
import org.curvebench.models.RegressorProvider;
import org.curvebench.models.RegressorTrainer;

/**
 * A toy graph learner registered from this test module alone (one class plus one services line): it predicts the
 * mean components of the training architectures whose cell graph has as many nodes, so it works only if graphs
 * reach learners.
 */
public final class GraphSizeRegressorProvider implements RegressorProvider {

    @Override
    public String name() {
        return "toy-graph-size";
    }

    @Override
    public String description() {
        return "mean components per graph size (a test learner)";
    }

    @Override
    public RegressorTrainer trainer(LearnerOptions options) {
        options.requireOnly("regressor 'toy-graph-size'", Set.of());
        return new RegressorTrainer() {
            @Override
            public String name() {
                return "toy-graph-size";
            }

            @Override
            public boolean readsGraphs() {
                return true;
            }

            @Override
            public Map<String, Object> hyperparameters() {
                return Map.of("max_nodes", 8);
            }

            @Override
            public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                                      Progress progress) {
                int k = y[0].length;
                double[][] sum = new double[9][k];
                int[] count = new int[9];
                for (int i = 0; i < x.size(); i++) {
                    int n = x.get(i).graph().orElseThrow(() -> new AssertionError("no graph reached the learner")).nodeCount();
                    count[n]++;
                    for (int o = 0; o < k; o++) {
                        sum[n][o] += y[i][o];
                    }
                }
                for (int n = 0; n < 9; n++) {
                    for (int o = 0; o < k; o++) {
                        sum[n][o] /= Math.max(1, count[n]);
                    }
                }
                return new BySize(x.dimension(), sum);
            }
        };
    }

    @Override
    public List<Class<? extends CurveRegressor>> modelTypes() {
        return List.of(BySize.class);
    }

    /** Mean components per node count. */
    @JsonTypeName("toy-by-size")
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    public static final class BySize implements CurveRegressor {
        private final int inputDimension;
        private final double[][] means;

        @JsonCreator
        BySize(@JsonProperty("inputDimension") int inputDimension, @JsonProperty("means") double[][] means) {
            this.inputDimension = inputDimension;
            this.means = means;
        }

        @Override
        public int inputDimension() {
            return inputDimension;
        }

        @Override
        public int outputDimension() {
            return means[0].length;
        }

        @Override
        public boolean readsGraphs() {
            return true;
        }

        @Override
        public void predict(ModelInput input, double[] out) {
            int n = input.graph().orElseThrow(() -> new AssertionError("no graph reached the learner")).nodeCount();
            System.arraycopy(means[n], 0, out, 0, out.length);
        }
    }
}
