package org.curvebench.core;

import java.util.Arrays;
import java.util.List;

/** An immutable per-epoch series of one metric (index 0 is the first recorded epoch). */
public final class LearningCurve {

    private final double[] values;

    private LearningCurve(double[] values) {
        this.values = values;
    }

    /** A curve holding a copy of {@code values}. */
    public static LearningCurve of(double... values) {
        return new LearningCurve(values.clone());
    }

    /** The element-wise mean of curves of equal length. */
    public static LearningCurve mean(List<LearningCurve> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("mean of no curves");
        }
        int n = curves.get(0).epochs();
        double[] sum = new double[n];
        for (LearningCurve c : curves) {
            if (c.epochs() != n) {
                throw new IllegalArgumentException("curves differ in length: " + n + " and " + c.epochs());
            }
            for (int i = 0; i < n; i++) {
                sum[i] += c.values[i];
            }
        }
        for (int i = 0; i < n; i++) {
            sum[i] /= curves.size();
        }
        return new LearningCurve(sum);
    }

    public int epochs() {
        return values.length;
    }

    public double get(int epoch) {
        return values[epoch];
    }

    public double last() {
        return values[values.length - 1];
    }

    /** A copy of the values. */
    public double[] toArray() {
        return values.clone();
    }

    /** Index of the first value that is NaN or infinite, or -1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The first {@code n} epochs. */
    public LearningCurve head(int n) {
        return new LearningCurve(Arrays.copyOf(values, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningCurve c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LearningCurve" + Arrays.toString(values);
    }
}
