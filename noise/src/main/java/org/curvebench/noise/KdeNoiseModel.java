package org.curvebench.noise;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Map;
import java.util.SplittableRandom;
import org.curvebench.core.ModelInput;

/**
 * The alternative of NAS-Bench-x11's released code: a Gaussian kernel density over whole residual curves of the
 * training runs, the same for every architecture. A draw picks a stored residual curve and adds kernel noise
 * with a per-epoch bandwidth (Scott's factor n^(-1/5) times the residuals' standard deviation at that epoch).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonTypeName(KdeNoiseModel.NAME)
public final class KdeNoiseModel implements NoiseModel {

    public static final String NAME = "kde";

    private final double[][] residuals;
    private final double[] bandwidth;

    @JsonCreator
    public KdeNoiseModel(@JsonProperty("residuals") double[][] residuals,
                         @JsonProperty("bandwidth") double[] bandwidth) {
        if (residuals.length == 0) {
            throw new IllegalArgumentException("a kernel density needs at least one residual curve");
        }
        for (double[] r : residuals) {
            if (r.length != bandwidth.length) {
                throw new IllegalArgumentException("residual curves and bandwidth differ in length");
            }
        }
        this.residuals = new double[residuals.length][];
        for (int i = 0; i < residuals.length; i++) {
            this.residuals[i] = residuals[i].clone();
        }
        this.bandwidth = bandwidth.clone();
    }

    @Override
    public Map<String, Object> provenance() {
        return Map.of("residual_curves", residuals.length);
    }

    @Override
    public void sigma(ModelInput input, double[] out) {
        int n = residuals.length;
        for (int e = 0; e < out.length; e++) {
            double ss = 0;
            for (double[] r : residuals) {
                ss += r[e] * r[e];
            }
            out[e] = Math.sqrt(ss / n + bandwidth[e] * bandwidth[e]);
        }
    }

    @Override
    public void addNoise(ModelInput input, double[] curve, SplittableRandom random) {
        double[] r = residuals[random.nextInt(residuals.length)];
        for (int e = 0; e < curve.length; e++) {
            curve[e] += r[e] + bandwidth[e] * Gaussian.next(random);
        }
    }
}
