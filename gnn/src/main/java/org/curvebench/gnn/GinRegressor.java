package org.curvebench.gnn;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.LinkedHashMap;
import java.util.Map;
import org.curvebench.core.CellGraph;
import org.curvebench.core.ModelInput;
import org.curvebench.models.CurveRegressor;

/**
 * A fitted GIN regressor: the components of an architecture's curve from its cell graph and, when the surrogate
 * observes first epochs, from those as graph-level inputs. Plain Java (no ND4J), immutable and thread-safe;
 * written into surrogate files as {@code "type": "gin"}.
 */
@JsonTypeName("gin")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class GinRegressor implements CurveRegressor {

    private final int inputDimension;
    private final GinNetwork network;
    private final ObservedInputs observedInputs;
    private final int epochs;
    private final int bestEpoch;
    private final double validationLoss;

    @JsonCreator
    GinRegressor(@JsonProperty("inputDimension") int inputDimension, @JsonProperty("network") GinNetwork network,
                 @JsonProperty("observedInputs") ObservedInputs observedInputs, @JsonProperty("epochs") int epochs,
                 @JsonProperty("bestEpoch") int bestEpoch, @JsonProperty("validationLoss") double validationLoss) {
        if (observedInputs.mean().length != network.graphInputs()) {
            throw new IllegalArgumentException("the GIN takes " + network.graphInputs() + " graph-level inputs; "
                    + "its observed-epoch standardisation has " + observedInputs.mean().length);
        }
        this.inputDimension = inputDimension;
        this.network = network;
        this.observedInputs = observedInputs;
        this.epochs = epochs;
        this.bestEpoch = bestEpoch;
        this.validationLoss = validationLoss;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** This network with the epochs and validation loss of {@code chosen}, the fit that chose how long to train it. */
    GinRegressor withHistory(GinRegressor chosen) {
        return new GinRegressor(inputDimension, network, observedInputs, chosen.epochs, chosen.bestEpoch,
                chosen.validationLoss);
    }

    public GinNetwork network() {
        return network;
    }

    ObservedInputs observedInputs() {
        return observedInputs;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public int outputDimension() {
        return network.outputs();
    }

    @Override
    public boolean readsGraphs() {
        return true;
    }

    @Override
    public void predict(ModelInput input, double[] out) {
        network.predict(graph(input), observedInputs.of(input.observed()), out);
    }

    /** The architecture's embedding: its graph's pooled node states. */
    public double[] embed(ModelInput input) {
        return network.embed(graph(input));
    }

    private static CellGraph graph(ModelInput input) {
        return input.graph().orElseThrow(() -> new IllegalArgumentException(
                "the GIN regressor reads an architecture's cell graph, and this input has none"));
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", network.layerCount());
        m.put("epochs_run", epochs);
        m.put("best_epoch", bestEpoch);
        m.put("validation_mse", validationLoss);
        return m;
    }
}
