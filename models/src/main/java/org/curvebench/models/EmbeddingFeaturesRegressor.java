package org.curvebench.models;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;

/**
 * A regressor on an architecture's features followed by a learned encoding of it: the output of an encoding network
 * (a GIN over the cell graph); one network per fold, each read by the regressor in turn and the answers averaged
 * (see {@link EmbeddingFeaturesTrainer}). The networks travel with
 * the regressor that reads them, all in the surrogate file ({@code "type": "embedding-features"}). Immutable and
 * thread-safe when its parts are.
 */
@JsonTypeName("embedding-features")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class EmbeddingFeaturesRegressor implements CurveRegressor {

    private final List<CurveRegressor> networks;
    private final CurveRegressor features;
    private final Selection selection;

    /**
     * The mean squared error of the components on the validation architectures with the encoding beside the features
     * and without it; the encoding is kept where it is lower.
     */
    public record Selection(double withEncoding, double withoutEncoding) {
    }

    /**
     * @param networks  the encoding networks, of one input and output dimension; empty where validation
     *                  dropped the encoding and {@code features} reads the features alone
     * @param features  the regressor on the features followed by one network's output
     * @param selection the errors that decided, or null where there was no choice (an encoding alone, or no
     *                  validation architectures)
     */
    @JsonCreator
    public EmbeddingFeaturesRegressor(@JsonProperty("networks") List<CurveRegressor> networks,
                                      @JsonProperty("features") CurveRegressor features,
                                      @JsonProperty("selection") Selection selection) {
        this.features = features;
        this.selection = selection;
        if (networks == null || networks.isEmpty()) {
            if (selection == null) {
                throw new IllegalArgumentException("a learned encoding needs at least one network");
            }
            this.networks = List.of();
            return;
        }
        int k = networks.get(0).outputDimension();
        for (CurveRegressor n : networks) {
            if (n.outputDimension() != k || n.inputDimension() != networks.get(0).inputDimension()) {
                throw new IllegalArgumentException("the encoding networks disagree on their inputs or outputs");
            }
        }
        if (features.inputDimension() != networks.get(0).inputDimension() + k) {
            throw new IllegalArgumentException("the regressor on features and encodings reads "
                    + features.inputDimension() + " inputs; the features have " + networks.get(0).inputDimension()
                    + " and the encoding " + k);
        }
        this.networks = List.copyOf(networks);
    }

    /** Whether the regressor reads the encoding (false: validation kept the features alone). */
    public boolean encodes() {
        return !networks.isEmpty();
    }

    /** The encoding networks, one per fold. */
    public List<CurveRegressor> networks() {
        return networks;
    }

    /** The regressor that reads features and encodings. */
    public CurveRegressor features() {
        return features;
    }

    @Override
    public int inputDimension() {
        return encodes() ? networks.get(0).inputDimension() : features.inputDimension();
    }

    @Override
    public int outputDimension() {
        return features.outputDimension();
    }

    @Override
    public boolean readsGraphs() {
        return encodes() ? networks.get(0).readsGraphs() : features.readsGraphs();
    }

    @Override
    public void predict(ModelInput input, double[] out) {
        if (!encodes()) {
            features.predict(input, out);
            return;
        }
        int k = outputDimension();
        double[] encoding = new double[networks.get(0).outputDimension()];
        double[] one = new double[k];
        java.util.Arrays.fill(out, 0, k, 0);
        for (CurveRegressor n : networks) {
            n.predict(input, encoding);
            features.predict(input.withExtraFeatures(encoding), one);
            for (int o = 0; o < k; o++) {
                out[o] += one[o] / networks.size();
            }
        }
    }

    @Override
    public void predictBatch(ModelInputs inputs, double[] out) {
        int size = inputs.size();
        if (size == 0) {
            return;
        }
        if (!encodes()) {
            features.predictBatch(inputs, out);
            return;
        }
        int k = outputDimension();
        int e = networks.get(0).outputDimension();
        double[] encodings = new double[size * e];
        double[] one = new double[size * k];
        java.util.Arrays.fill(out, 0, size * k, 0);
        double[][] rows = new double[size][e];
        for (CurveRegressor n : networks) {
            n.predictBatch(inputs, encodings);
            for (int r = 0; r < size; r++) {
                System.arraycopy(encodings, r * e, rows[r], 0, e);
            }
            features.predictBatch(inputs.withExtraFeatures(rows), one);
            for (int i = 0; i < size * k; i++) {
                out[i] += one[i] / networks.size();
            }
        }
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>(features.provenance());
        List<Map<String, Object>> nets = new ArrayList<>();
        for (CurveRegressor n : networks) {
            nets.add(n.provenance());
        }
        m.put("embedding", nets);
        if (selection != null) {
            m.put("encoding_kept", encodes());
            m.put("validation_mse_with_encoding", selection.withEncoding());
            m.put("validation_mse_without_encoding", selection.withoutEncoding());
        }
        return m;
    }
}
