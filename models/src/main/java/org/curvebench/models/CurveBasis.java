package org.curvebench.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A fitted SVD compression of learning curves: {@code curve ~ offset + sum_j (z_j * labelScale_j + labelMean_j) *
 * basis_j}, where {@code basis_j = s_j v_j} (singular value times right singular vector) and {@code z} are the
 * standardised left-singular coordinates a regressor learns. With a zero offset this is exactly NAS-Bench-x11's
 * recipe (StandardScaler on U_k, decode as prediction x S_k x V_k^T); with the mean curve as offset the
 * components describe deviations from the average curve. Immutable and thread-safe.
 */
public final class CurveBasis {

    private final double[] offset;
    private final double[][] basis;
    private final double[] singularValues;
    private final double[] labelMean;
    private final double[] labelScale;

    @JsonCreator
    public CurveBasis(@JsonProperty("offset") double[] offset, @JsonProperty("basis") double[][] basis,
                      @JsonProperty("singularValues") double[] singularValues,
                      @JsonProperty("labelMean") double[] labelMean, @JsonProperty("labelScale") double[] labelScale) {
        int k = basis.length;
        if (k == 0 || singularValues.length != k || labelMean.length != k || labelScale.length != k) {
            throw new IllegalArgumentException("inconsistent curve basis: " + k + " components, "
                    + singularValues.length + " singular values, " + labelMean.length + " label means");
        }
        for (double[] row : basis) {
            if (row.length != offset.length) {
                throw new IllegalArgumentException("basis rows must have " + offset.length + " epochs");
            }
        }
        this.offset = offset.clone();
        this.basis = new double[k][];
        for (int j = 0; j < k; j++) {
            this.basis[j] = basis[j].clone();
        }
        this.singularValues = singularValues.clone();
        this.labelMean = labelMean.clone();
        this.labelScale = labelScale.clone();
    }

    /** Number of components k. */
    public int components() {
        return basis.length;
    }

    /** Length of the curves. */
    public int epochs() {
        return offset.length;
    }

    /** Whether the curves were centred on their mean before the SVD. */
    public boolean centred() {
        for (double v : offset) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /** Writes the curve of standardised {@code labels} into {@code out}; allocation-free. */
    public void decode(double[] labels, double[] out) {
        decode(labels, 0, out, 0);
    }

    /** As {@link #decode(double[], double[])}, reading labels from {@code labelOffset}, writing from {@code outOffset}. */
    public void decode(double[] labels, int labelOffset, double[] out, int outOffset) {
        int epochs = offset.length;
        System.arraycopy(offset, 0, out, outOffset, epochs);
        for (int j = 0; j < basis.length; j++) {
            double c = labels[labelOffset + j] * labelScale[j] + labelMean[j];
            double[] b = basis[j];
            for (int e = 0; e < epochs; e++) {
                out[outOffset + e] += c * b[e];
            }
        }
    }

    /** The standardised labels of a curve: its least-squares coordinates in this basis. */
    public double[] encode(double[] curve) {
        double[] labels = new double[basis.length];
        for (int j = 0; j < basis.length; j++) {
            double dot = 0;
            double[] b = basis[j];
            for (int e = 0; e < offset.length; e++) {
                dot += (curve[e] - offset[e]) * b[e];
            }
            double u = dot / (singularValues[j] * singularValues[j]);
            labels[j] = (u - labelMean[j]) / labelScale[j];
        }
        return labels;
    }

    @JsonProperty("offset")
    public double[] offset() {
        return offset.clone();
    }

    @JsonProperty("basis")
    public double[][] basis() {
        double[][] copy = new double[basis.length][];
        for (int j = 0; j < basis.length; j++) {
            copy[j] = basis[j].clone();
        }
        return copy;
    }

    @JsonProperty("singularValues")
    public double[] singularValues() {
        return singularValues.clone();
    }

    @JsonProperty("labelMean")
    public double[] labelMean() {
        return labelMean.clone();
    }

    @JsonProperty("labelScale")
    public double[] labelScale() {
        return labelScale.clone();
    }
}
