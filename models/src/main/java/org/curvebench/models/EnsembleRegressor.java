package org.curvebench.models;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;

/**
 * Several regressors fitted on different seeds and resamples, predicting their mean; their spread is the
 * ensemble's uncertainty ({@link #predictMembers}). Immutable and thread-safe; written as {@code "type":
 * "ensemble"} with its members under their own types.
 */
@JsonTypeName("ensemble")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class EnsembleRegressor implements CurveRegressor {

    private final List<CurveRegressor> members;

    @JsonCreator
    public EnsembleRegressor(@JsonProperty("members") List<CurveRegressor> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        for (CurveRegressor m : members) {
            if (m.outputDimension() != members.get(0).outputDimension()
                    || m.inputDimension() != members.get(0).inputDimension()) {
                throw new IllegalArgumentException("ensemble members differ in input or output dimension");
            }
        }
        this.members = List.copyOf(members);
    }

    public List<CurveRegressor> members() {
        return members;
    }

    @Override
    public int inputDimension() {
        return members.get(0).inputDimension();
    }

    @Override
    public int outputDimension() {
        return members.get(0).outputDimension();
    }

    @Override
    public boolean readsGraphs() {
        return members.stream().anyMatch(CurveRegressor::readsGraphs);
    }

    @Override
    public void predict(ModelInput input, double[] out) {
        int k = outputDimension();
        double[] one = new double[k];
        java.util.Arrays.fill(out, 0, k, 0);
        for (CurveRegressor m : members) {
            m.predict(input, one);
            for (int o = 0; o < k; o++) {
                out[o] += one[o] / members.size();
            }
        }
    }

    @Override
    public void predictBatch(ModelInputs inputs, double[] out) {
        int n = inputs.size() * outputDimension();
        double[] one = new double[n];
        java.util.Arrays.fill(out, 0, n, 0);
        for (CurveRegressor m : members) {
            m.predictBatch(inputs, one);
            for (int i = 0; i < n; i++) {
                out[i] += one[i] / members.size();
            }
        }
    }

    /** Every member's outputs for {@code input}: {@code out[m]} gets member m's (each of length k). */
    public void predictMembers(ModelInput input, double[][] out) {
        for (int m = 0; m < members.size(); m++) {
            members.get(m).predict(input, out[m]);
        }
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("members", members.size());
        for (int m = 0; m < members.size(); m++) {
            p.put("member_" + m, members.get(m).provenance());
        }
        return p;
    }
}
