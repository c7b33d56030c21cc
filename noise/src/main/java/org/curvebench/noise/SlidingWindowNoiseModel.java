package org.curvebench.noise;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.curvebench.core.ModelInput;
import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;

/**
 * NAS-Bench-x11's sliding-window noise model, refined: a regressor predicts each architecture's per-epoch noise
 * spread (the log of the windowed residual spread, compressed with an SVD like the mean curves); a sample is
 * {@code sigma_e * z_e} with {@code z} a unit-variance AR(1) process whose lag-one correlation is fitted on the
 * standardised residuals, plus rare spikes drawn from the residuals that lay far outside the spread.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonTypeName(SlidingWindowNoiseModel.NAME)
public final class SlidingWindowNoiseModel implements NoiseModel {

    public static final String NAME = "sliding-window";

    private final int window;
    private final CurveBasis logSigmaBasis;
    private final CurveRegressor regressor;
    private final double autocorrelation;
    private final double spikeProbability;
    private final double[] spikes;

    @JsonCreator
    public SlidingWindowNoiseModel(@JsonProperty("window") int window,
                                   @JsonProperty("logSigmaBasis") CurveBasis logSigmaBasis,
                                   @JsonProperty("regressor") CurveRegressor regressor,
                                   @JsonProperty("autocorrelation") double autocorrelation,
                                   @JsonProperty("spikeProbability") double spikeProbability,
                                   @JsonProperty("spikes") double[] spikes) {
        if (regressor.outputDimension() != logSigmaBasis.components()) {
            throw new IllegalArgumentException("noise regressor predicts " + regressor.outputDimension()
                    + " values but the sigma basis has " + logSigmaBasis.components() + " components");
        }
        if (!(Math.abs(autocorrelation) < 1) || spikeProbability < 0 || spikeProbability > 1) {
            throw new IllegalArgumentException("noise autocorrelation must be in (-1, 1) and spike probability in [0, 1]");
        }
        this.window = window;
        this.logSigmaBasis = logSigmaBasis;
        this.regressor = regressor;
        this.autocorrelation = autocorrelation;
        this.spikeProbability = spikes.length == 0 ? 0 : spikeProbability;
        this.spikes = spikes.clone();
    }

    public int window() {
        return window;
    }

    public double autocorrelation() {
        return autocorrelation;
    }

    public double spikeProbability() {
        return spikeProbability;
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("autocorrelation", autocorrelation);
        p.put("spike_probability", spikeProbability);
        p.put("spikes_kept", spikes.length);
        p.put("sigma_components", logSigmaBasis.components());
        Map<String, Object> spread = new LinkedHashMap<>();
        spread.put("type", regressor.getClass().getSimpleName());
        spread.putAll(regressor.provenance());
        p.put("spread_regressor", spread);
        return p;
    }

    @Override
    public void sigma(ModelInput input, double[] out) {
        double[] labels = new double[logSigmaBasis.components()];
        regressor.predict(input, labels);
        logSigmaBasis.decode(labels, out);
        for (int e = 0; e < out.length; e++) {
            out[e] = Math.exp(out[e]);
        }
    }

    @Override
    public void addNoise(ModelInput input, double[] curve, SplittableRandom random) {
        addNoise(input, curve, random, null, false);
    }

    @Override
    public void addNoise(ModelInput input, double[] curve, SplittableRandom random, double[] innovations,
                         boolean given) {
        double[] sigma = new double[curve.length];
        sigma(input, sigma);
        double innovation = Math.sqrt(1 - autocorrelation * autocorrelation);
        double z = 0;
        for (int e = 0; e < curve.length; e++) {
            double g = given ? innovations[e] : Gaussian.next(random);
            if (innovations != null && !given) {
                innovations[e] = g;
            }
            z = e == 0 ? g : autocorrelation * z + innovation * g;
            double spike = random.nextDouble() < spikeProbability ? spikes[random.nextInt(spikes.length)] : 0;
            curve[e] += sigma[e] * (z + spike);
        }
    }
}
