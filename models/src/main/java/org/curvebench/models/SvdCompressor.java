package org.curvebench.models;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Fits a {@link CurveBasis} with a thin SVD (EJML) of the training curves, keeping the top k components.
 *
 * @param components k, the number of components kept (clamped to what the data allows)
 * @param centre     subtract the mean curve first and give labels in curve units (the coordinates
 *                   {@code u_j s_j}, so that squared error on labels is squared error on curves: CurveBench's
 *                   default), rather than decomposing raw curves and standardising {@code u_j} (NAS-Bench-x11's
 *                   recipe, which weighs a minor component as much as the main one)
 */
public record SvdCompressor(int components, boolean centre) {

    public SvdCompressor {
        if (components < 1) {
            throw new IllegalArgumentException("components must be at least 1, got " + components);
        }
    }

    /**
     * The number of components a fit on an {@code rows x epochs} matrix can keep at most; a fit keeps fewer when
     * the curves span fewer dimensions.
     */
    public int usableComponents(int rows, int epochs) {
        return Math.max(1, Math.min(components, Math.min(rows - (centre ? 1 : 0), epochs)));
    }

    /** The fitted basis and the standardised labels of the training curves (one row per curve). */
    public record Fit(CurveBasis basis, double[][] labels) {
    }

    public Fit fit(double[][] curves) {
        int n = curves.length;
        if (n < 2) {
            throw new IllegalArgumentException("an SVD compression needs at least 2 curves, got " + n);
        }
        int epochs = curves[0].length;
        double[] offset = new double[epochs];
        if (centre) {
            for (double[] c : curves) {
                for (int e = 0; e < epochs; e++) {
                    offset[e] += c[e] / n;
                }
            }
        }
        DMatrixRMaj y = new DMatrixRMaj(n, epochs);
        for (int i = 0; i < n; i++) {
            if (curves[i].length != epochs) {
                throw new IllegalArgumentException("curve " + i + " has " + curves[i].length + " epochs, expected " + epochs);
            }
            for (int e = 0; e < epochs; e++) {
                y.unsafe_set(i, e, curves[i][e] - offset[e]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(n, epochs, true, true, true);
        if (!svd.decompose(y)) {
            throw new IllegalStateException("the SVD of the training curves did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj vt = svd.getV(null, true);
        double[] w = svd.getSingularValues();
        int rank = Math.min(n, epochs);
        Integer[] order = new Integer[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(w[b], w[a]));
        int k = Math.min(usableComponents(n, epochs), rank);
        while (k > 1 && w[order[k - 1]] <= 1e-9 * w[order[0]]) {
            k--; // a component the data does not span cannot be learned
        }
        double[][] basis = new double[k][epochs];
        double[] s = new double[k];
        double[] mean = new double[k];
        double[] scale = new double[k];
        double[][] labels = new double[n][k];
        for (int j = 0; j < k; j++) {
            int col = order[j];
            s[j] = Math.max(w[col], 1e-12);
            // fix the sign so that the basis is reproducible: largest |v| entry positive
            double sign = 1;
            double maxAbs = -1;
            for (int e = 0; e < epochs; e++) {
                double v = vt.get(col, e);
                if (Math.abs(v) > maxAbs) {
                    maxAbs = Math.abs(v);
                    sign = Math.signum(v) == 0 ? 1 : Math.signum(v);
                }
            }
            for (int e = 0; e < epochs; e++) {
                basis[j][e] = sign * s[j] * vt.get(col, e);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                labels[i][j] = sign * u.get(i, col);
                sum += labels[i][j];
            }
            mean[j] = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (labels[i][j] - mean[j]) * (labels[i][j] - mean[j]);
            }
            scale[j] = centre ? 1 / s[j] : Math.sqrt(ss / n);
            if (!(scale[j] > 1e-15)) {
                scale[j] = 1;
            }
            for (int i = 0; i < n; i++) {
                labels[i][j] = (labels[i][j] - mean[j]) / scale[j];
            }
        }
        return new Fit(new CurveBasis(offset, basis, s, mean, scale), labels);
    }
}
