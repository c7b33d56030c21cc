package org.curvebench.gnn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.curvebench.core.CellGraph;
import org.curvebench.core.GraphSchema;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;
import org.curvebench.models.CurveRegressor;
import org.curvebench.models.RegressorTrainer;

/**
 * Fits a {@link GinRegressor}: Adam on the mean squared error of the components, in shuffled batches, one
 * progress step per epoch; after each epoch the weights are copied into the plain-Java network, its
 * normalisation statistics are taken over (up to 2,048 of) the training graphs, and the epoch with the lowest
 * validation error is kept (early stopping after {@link GinSettings#patience()} epochs without a better one).
 * With observed epochs the components are first fitted linearly on the graph-level inputs (ridge regression on the
 * observed values, their changes and, with {@code gin-skip-knots}, hinges of both, {@link ObservedInputs}), the
 * network learns what that leaves, and the fit becomes the network's skip: the observed epochs carry most of a
 * curve, and the network then need not learn that relation through its ReLU units from a few hundred cells. The
 * depth follows {@link GinSettings#layersFor}. With {@code gin-refit}, a second fit from the same start runs the chosen
 * number of epochs on the training and validation architectures together and is kept instead.
 * Deterministic for a seed and thread count: weights, shuffles and dropout masks come from the seed.
 */
public final class GinTrainer implements RegressorTrainer {

    public static final String NAME = "gin";

    private static final int STATISTICS_GRAPHS = 2048;
    /**
     * Ridge penalty of the skip, against standardised inputs: slight, as there are a handful of inputs (README: 30
     * and a choice on the validation cells were measured too, neither better overall).
     */
    private static final double RIDGE_PENALTY = 1;

    private final GinSettings settings;

    public GinTrainer(GinSettings settings) {
        this.settings = settings;
    }

    public GinSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return settings.asMap();
    }

    @Override
    public boolean readsGraphs() {
        return true;
    }

    /** GINs that encode for the trees default to 4 layers ({@link GinSettings#AUTO_LAYERS}). */
    @Override
    public RegressorTrainer forEncoding() {
        return settings.layers() == GinSettings.AUTO_LAYERS ? new GinTrainer(settings.resolved(true)) : this;
    }

    @Override
    public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                              Progress progress) {
        GinRegressor chosen = train(x, y, xValid, yValid, seed, progress, settings.epochs(), false);
        if (!settings.refit() || xValid.size() == 0) {
            return chosen;
        }
        List<ModelInput> all = new ArrayList<>(x.size() + xValid.size());
        double[][] yAll = new double[x.size() + xValid.size()][];
        for (int i = 0; i < x.size(); i++) {
            all.add(x.get(i));
            yAll[i] = y[i];
        }
        for (int i = 0; i < xValid.size(); i++) {
            all.add(xValid.get(i));
            yAll[x.size() + i] = yValid[i];
        }
        GinRegressor refitted = train(ModelInputs.of(all), yAll, ModelInputs.of(List.of()), new double[0][], seed,
                progress, chosen.bestEpoch(), true);
        return refitted.withHistory(chosen);
    }

    private GinRegressor train(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                               Progress progress, int epochs, boolean keepLast) {
        if (x.size() == 0) {
            throw new IllegalArgumentException("no training architectures");
        }
        if (!x.hasGraphs()) {
            throw new IllegalArgumentException("the gin regressor reads cell graphs, and these architectures have "
                    + "none: use a space that defines them (nb101, nb201, nlp, darts)");
        }
        requireNd4j();
        List<CellGraph> graphs = graphs(x);
        List<double[]> observed = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            observed.add(x.get(i).observed());
        }
        ObservedInputs standardise = ObservedInputs.fit(observed, settings.skipKnots());
        GraphSchema schema = graphs.get(0).schema();
        int edgeTypes = 2 * Math.max(1, schema.edgeLabels().size());
        int k = y[0].length;
        int gi = standardise.mean().length;
        // the network learns the components centred and in one common unit (their pooled standard deviation,
        // which keeps their relative weight in the loss), whatever the curves' scale; the head is rescaled after
        double[] labelMean = new double[k];
        for (double[] row : y) {
            for (int o = 0; o < k; o++) {
                labelMean[o] += row[o] / y.length;
            }
        }
        double pooled = 0;
        for (double[] row : y) {
            for (int o = 0; o < k; o++) {
                pooled += (row[o] - labelMean[o]) * (row[o] - labelMean[o]);
            }
        }
        double labelScale = pooled > 1e-24 ? Math.sqrt(pooled / ((double) y.length * k)) : 1;
        double[][] inputs = new double[x.size()][];
        for (int i = 0; i < x.size(); i++) {
            inputs[i] = standardise.of(observed.get(i));
        }
        double[][] standardTarget = standardised(y, labelMean, labelScale);
        double[][] validInputs = new double[xValid.size()][];
        for (int i = 0; i < xValid.size(); i++) {
            validInputs[i] = standardise.of(xValid.get(i).observed());
        }
        double[][] standardValid = standardised(yValid, labelMean, labelScale);
        double[][] skip = ridge(inputs, standardTarget, gi, k, RIDGE_PENALTY);
        double[][] target = residuals(inputs, standardTarget, skip);
        double[][] targetValid = residuals(validInputs, standardValid, skip);
        GinNetwork start = GinInitialiser.network(schema.nodeLabels().size(), edgeTypes, gi, k, settings.resolved(false),
                seed);

        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] order = new int[x.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        List<CellGraph> statisticsGraphs = new ArrayList<>();
        for (int i = 0; i < Math.min(STATISTICS_GRAPHS, order.length); i++) {
            statisticsGraphs.add(graphs.get(order[i]));
        }
        boolean validate = xValid.size() > 0;
        List<CellGraph> checkGraphs = validate ? graphs(xValid) : statisticsGraphs;
        double[][] checkInputs = new double[checkGraphs.size()][];
        double[][] checkY = new double[checkGraphs.size()][];
        for (int i = 0; i < checkGraphs.size(); i++) {
            checkInputs[i] = validate ? validInputs[i] : inputs[order[i]];
            checkY[i] = validate ? targetValid[i] : target[order[i]];
        }

        SameDiffGin net = SameDiffGin.training(start, settings.learningRate());
        GinNetwork best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        int batch = Math.min(settings.batch(), x.size());
        progress.start(keepLast ? "refitting GIN on every architecture" : "fitting GIN", epochs);
        try {
            while (epoch < epochs && (keepLast || epoch - bestEpoch < settings.patience())) {
                shuffle(order, random);
                int size = batch;
                net.epoch(new Iterator<>() {
                    private int from;

                    @Override
                    public boolean hasNext() {
                        return from < order.length && (from == 0 || order.length - from >= 2);
                    }

                    @Override
                    public SameDiffGin.Step next() {
                        SameDiffGin.Step s = step(graphs, inputs, target, order, from, Math.min(order.length, from + size),
                                schema, edgeTypes, gi, k, random);
                        from += size;
                        return s;
                    }
                });
                epoch++;
                if (keepLast && epoch < epochs) {
                    progress.advance(1);
                    continue;
                }
                GinNetwork candidate = net.weights(start).withPopulationStatistics(statisticsGraphs);
                double loss = meanSquaredError(candidate, checkGraphs, checkInputs, checkY);
                if (keepLast || loss < bestLoss || best == null) {
                    bestLoss = loss;
                    best = candidate;
                    bestEpoch = epoch;
                }
                progress.advance(1);
            }
        } finally {
            progress.done();
        }
        return new GinRegressor(x.dimension(), best.withSkip(skip).withOutputs(labelMean, labelScale),
                standardise, epoch, bestEpoch, bestLoss * labelScale * labelScale);
    }

    /**
     * Ridge regression of the targets on the inputs, both centred over the training rows, so without intercept:
     * {@code (X'X + penalty I)^-1 X'Y}, as {@code [input][output]}; empty when there are no inputs.
     */
    static double[][] ridge(double[][] inputs, double[][] targets, int gi, int k, double penalty) {
        double[][] a = new double[gi][gi];
        double[][] b = new double[gi][k];
        for (int r = 0; r < inputs.length; r++) {
            for (int i = 0; i < gi; i++) {
                for (int j = 0; j < gi; j++) {
                    a[i][j] += inputs[r][i] * inputs[r][j];
                }
                for (int o = 0; o < k; o++) {
                    b[i][o] += inputs[r][i] * targets[r][o];
                }
            }
        }
        for (int i = 0; i < gi; i++) {
            a[i][i] += penalty;
        }
        // Cholesky factor a = L L' (positive definite by the penalty), then two triangular solves per output
        double[][] l = new double[gi][gi];
        for (int i = 0; i < gi; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int m = 0; m < j; m++) {
                    sum -= l[i][m] * l[j][m];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        double[][] w = new double[gi][k];
        for (int o = 0; o < k; o++) {
            double[] z = new double[gi];
            for (int i = 0; i < gi; i++) {
                double sum = b[i][o];
                for (int m = 0; m < i; m++) {
                    sum -= l[i][m] * z[m];
                }
                z[i] = sum / l[i][i];
            }
            for (int i = gi - 1; i >= 0; i--) {
                double sum = z[i];
                for (int m = i + 1; m < gi; m++) {
                    sum -= l[m][i] * w[m][o];
                }
                w[i][o] = sum / l[i][i];
            }
        }
        return w;
    }

    private static double[][] residuals(double[][] inputs, double[][] targets, double[][] skip) {
        double[][] r = new double[targets.length][];
        for (int row = 0; row < targets.length; row++) {
            r[row] = targets[row].clone();
            for (int o = 0; o < r[row].length; o++) {
                for (int i = 0; i < skip.length; i++) {
                    r[row][o] -= inputs[row][i] * skip[i][o];
                }
            }
        }
        return r;
    }

    private static double[][] standardised(double[][] y, double[] mean, double scale) {
        double[][] s = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            s[i] = new double[mean.length];
            for (int o = 0; o < mean.length; o++) {
                s[i][o] = (y[i][o] - mean[o]) / scale;
            }
        }
        return s;
    }

    private SameDiffGin.Step step(List<CellGraph> graphs, double[][] inputs, double[][] y, int[] order, int from, int to,
                                  GraphSchema schema, int edgeTypes, int gi, int k, SplittableRandom random) {
        int n = to - from;
        List<CellGraph> batchGraphs = new ArrayList<>(n);
        double[] graphInputs = new double[n * gi];
        double[] labels = new double[n * k];
        for (int r = 0; r < n; r++) {
            int i = order[from + r];
            batchGraphs.add(graphs.get(i));
            System.arraycopy(inputs[i], 0, graphInputs, r * gi, gi);
            System.arraycopy(y[i], 0, labels, r * k, k);
        }
        int d = settings.hidden();
        double[] mask = new double[n * d];
        double keep = 1 - settings.dropout();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < keep ? 1 / keep : 0;
        }
        return new SameDiffGin.Step(GraphBatch.of(batchGraphs, schema.nodeLabels().size(), edgeTypes), graphInputs, mask,
                labels, k);
    }

    static double meanSquaredError(GinNetwork net, List<CellGraph> graphs, double[][] inputs, double[][] y) {
        double sum = 0;
        int count = 0;
        double[] out = new double[net.outputs()];
        for (int i = 0; i < graphs.size(); i++) {
            net.predict(graphs.get(i), inputs[i], out);
            for (int o = 0; o < out.length; o++) {
                double r = out[o] - y[i][o];
                sum += r * r;
                count++;
            }
        }
        return sum / Math.max(1, count);
    }

    private static List<CellGraph> graphs(ModelInputs x) {
        List<CellGraph> g = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            int row = i;
            g.add(x.get(i).graph().orElseThrow(() -> new IllegalArgumentException(
                    "architecture " + row + " has no cell graph, which the gin regressor reads")));
        }
        return g;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void requireNd4j() {
        try {
            Class.forName("org.nd4j.linalg.factory.Nd4j", false, GinTrainer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("fitting a GIN needs ND4J on the class path: the jars in gnn/target/lib "
                    + "(the ./curvebench launcher adds them for every command but query)");
        }
    }
}
