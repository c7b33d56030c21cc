package org.curvebench.core;

import java.util.Arrays;
import java.util.List;

/**
 * A batch of {@link ModelInput}s laid out for speed: the feature vectors row-major in one array, and the graphs
 * and observed epochs beside them where there are any. Feature learners read {@link #featureRows()} a block at a
 * time; graph learners read {@link #get(int)}. Treat as immutable: the arrays are shared, not copied.
 */
public final class ModelInputs {

    private final int size;
    private final int dimension;
    private final double[] features;
    private final CellGraph[] graphs;
    private final double[][] observed;

    private ModelInputs(int size, int dimension, double[] features, CellGraph[] graphs, double[][] observed) {
        this.size = size;
        this.dimension = dimension;
        this.features = features;
        this.graphs = graphs;
        this.observed = observed;
    }

    /** A batch of these inputs, which must share one feature dimension. */
    public static ModelInputs of(List<ModelInput> inputs) {
        int n = inputs.size();
        int d = n == 0 ? 0 : inputs.get(0).dimension();
        double[] x = new double[n * d];
        CellGraph[] g = null;
        double[][] o = null;
        for (int i = 0; i < n; i++) {
            ModelInput in = inputs.get(i);
            if (in.dimension() != d) {
                throw new IllegalArgumentException("inputs differ in feature dimension: " + d + " and " + in.dimension()
                        + " (input " + i + ")");
            }
            System.arraycopy(in.featuresView(), 0, x, i * d, d);
            if (in.graph().isPresent()) {
                if (g == null) {
                    g = new CellGraph[n];
                }
                g[i] = in.graph().get();
            }
            double[] seen = in.observed();
            if (seen.length > 0) {
                if (o == null) {
                    o = new double[n][];
                    Arrays.fill(o, new double[0]);
                }
                o[i] = seen;
            }
        }
        return new ModelInputs(n, d, x, g, o);
    }

    /** A batch of feature vectors alone, given row-major ({@code size x dimension}); the array is not copied. */
    public static ModelInputs ofFeatureRows(double[] rows, int size, int dimension) {
        if (rows.length < size * dimension) {
            throw new IllegalArgumentException(rows.length + " values cannot hold " + size + " rows of " + dimension);
        }
        return new ModelInputs(size, dimension, rows, null, null);
    }

    /** A batch of feature vectors alone, one array per row. */
    public static ModelInputs ofFeatureMatrix(double[][] rows) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        double[] x = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("rows differ in length: " + d + " and " + rows[i].length + " (row " + i + ")");
            }
            System.arraycopy(rows[i], 0, x, i * d, d);
        }
        return new ModelInputs(rows.length, d, x, null, null);
    }

    public int size() {
        return size;
    }

    public int dimension() {
        return dimension;
    }

    /** The feature vectors row-major ({@link #size()} x {@link #dimension()}); shared, callers must not change it. */
    public double[] featureRows() {
        return features;
    }

    /** The feature vectors as one array per row (copies), as most trainers take them. */
    public double[][] featureMatrix() {
        double[][] m = new double[size][];
        for (int i = 0; i < size; i++) {
            m[i] = Arrays.copyOfRange(features, i * dimension, (i + 1) * dimension);
        }
        return m;
    }

    /** Whether the inputs carry cell graphs. */
    public boolean hasGraphs() {
        return graphs != null;
    }

    /** Input {@code i}, with its graph and observed epochs. */
    public ModelInput get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("input " + i + " of " + size);
        }
        double[] x = Arrays.copyOfRange(features, i * dimension, (i + 1) * dimension);
        return ModelInput.of(x, graphs == null ? null : graphs[i], observed == null ? new double[0] : observed[i]);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a batch of their own. */
    public ModelInputs rows(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + to + " of " + size);
        }
        double[] x = from == 0 && to == size ? features : Arrays.copyOfRange(features, from * dimension, to * dimension);
        return new ModelInputs(to - from, dimension, x, graphs == null ? null : Arrays.copyOfRange(graphs, from, to),
                observed == null ? null : Arrays.copyOfRange(observed, from, to));
    }

    /** Every input with {@code extra[i]} appended to its features (all of one length). */
    public ModelInputs withExtraFeatures(double[][] extra) {
        if (extra.length != size) {
            throw new IllegalArgumentException(extra.length + " extra rows for " + size + " inputs");
        }
        int e = size == 0 ? 0 : extra[0].length;
        int d = dimension + e;
        double[] x = new double[size * d];
        for (int i = 0; i < size; i++) {
            System.arraycopy(features, i * dimension, x, i * d, dimension);
            System.arraycopy(extra[i], 0, x, i * d + dimension, e);
        }
        return new ModelInputs(size, d, x, graphs, observed);
    }
}
