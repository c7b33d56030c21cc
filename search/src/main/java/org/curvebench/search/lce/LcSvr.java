package org.curvebench.search.lce;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.curvebench.core.LearningCurve;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.SearchContext;

/**
 * {@code svr}: LcSVR (Baker et al. 2017, as NAS-Bench-x11 uses it): support vector regression from features of
 * the partial curve (its values at up to {@link #POINTS} evenly spaced epochs, the mean first and second
 * differences over its last fifth) and of the cell (the space's default encoding) to the final value, trained on
 * the trial's fully trained architectures cut to the same epochs. Hyperparameters (box C, tube ε, kernel width γ)
 * are drawn at random ({@link #CONFIGS} of them) and chosen by 3-fold cross validation, refitted as the trial
 * trains 20% more architectures, on its latest {@link #MAX_TRAINING}. Until {@link #MIN_TRAINING} full trainings
 * exist it predicts the last observed value.
 * This is ε-SVR where Baker et al. use ν-SVR; both fit the same family of models.
 */
public final class LcSvr implements LceMethod {

    static final int POINTS = 10;
    static final int CONFIGS = 20;
    static final int FOLDS = 3;
    static final int MIN_TRAINING = 8;
    /** The most recent full trainings the regression learns from (the solver holds their kernel matrix). */
    static final int MAX_TRAINING = 200;

    @Override
    public String name() {
        return "svr";
    }

    @Override
    public String description() {
        return "LcSVR: support vector regression on partial-curve and cell features, hyperparameters by random "
                + "search and cross validation";
    }

    @Override
    public LcePredictor newPredictor(SearchContext context) {
        return new Predictor(context, new SplittableRandom(context.random().nextLong()));
    }

    /** The features of an architecture's curve cut to its first {@code epochs} values. */
    static double[] features(double[] cell, double[] curve, int epochs) {
        int points = Math.min(POINTS, epochs);
        double[] f = new double[cell.length + points + 2];
        System.arraycopy(cell, 0, f, 0, cell.length);
        for (int p = 0; p < points; p++) {
            int e = points == 1 ? epochs - 1 : (int) Math.round((double) p * (epochs - 1) / (points - 1));
            f[cell.length + p] = curve[e];
        }
        int from = Math.max(1, epochs - Math.max(2, epochs / 5));
        double d1 = 0;
        double d2 = 0;
        int n1 = 0;
        int n2 = 0;
        for (int e = from; e < epochs; e++) {
            d1 += curve[e] - curve[e - 1];
            n1++;
            if (e >= 2) {
                d2 += curve[e] - 2 * curve[e - 1] + curve[e - 2];
                n2++;
            }
        }
        f[f.length - 2] = n1 > 0 ? d1 / n1 : 0;
        f[f.length - 1] = n2 > 0 ? d2 / n2 : 0;
        return f;
    }

    private static final class Predictor implements LcePredictor {
        private final SearchContext context;
        private final SplittableRandom random;
        private final List<double[]> cells = new ArrayList<>();
        private final List<double[]> curves = new ArrayList<>();
        private Model model;

        Predictor(SearchContext context, SplittableRandom random) {
            this.context = context;
            this.random = random;
        }

        @Override
        public void learn(Architecture architecture, LearningCurve full) {
            cells.add(context.features(architecture));
            curves.add(full.toArray());
        }

        @Override
        public double predict(Architecture architecture, LearningCurve partial, int epochs) {
            if (curves.size() < MIN_TRAINING) {
                return partial.last();
            }
            int k = partial.epochs();
            if (model == null || model.epochs != k || curves.size() >= model.trainedOn * 1.2 + 1) {
                int from = Math.max(0, curves.size() - MAX_TRAINING);
                model = Model.fit(cells.subList(from, cells.size()), curves.subList(from, curves.size()), k, epochs,
                        random, curves.size());
            }
            return model.predict(features(context.features(architecture), partial.toArray(), k));
        }
    }

    /** A fitted regression with its feature and target scaling. */
    private static final class Model {
        final int epochs;
        final int trainedOn;
        final double[] mean;
        final double[] scale;
        final double yMean;
        final double yScale;
        final EpsilonSvr svr;

        private Model(int epochs, int trainedOn, double[] mean, double[] scale, double yMean, double yScale,
                      EpsilonSvr svr) {
            this.epochs = epochs;
            this.trainedOn = trainedOn;
            this.mean = mean;
            this.scale = scale;
            this.yMean = yMean;
            this.yScale = yScale;
            this.svr = svr;
        }

        static Model fit(List<double[]> cells, List<double[]> curves, int k, int finalEpochs, SplittableRandom random,
                         int learned) {
            int n = curves.size();
            double[][] x = new double[n][];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = features(cells.get(i), curves.get(i), k);
                y[i] = curves.get(i)[Math.min(finalEpochs, curves.get(i).length) - 1];
            }
            int d = x[0].length;
            double[] mean = new double[d];
            double[] scale = new double[d];
            for (int j = 0; j < d; j++) {
                double s = 0;
                double ss = 0;
                for (double[] row : x) {
                    s += row[j];
                    ss += row[j] * row[j];
                }
                mean[j] = s / n;
                double sd = Math.sqrt(Math.max(0, ss / n - mean[j] * mean[j]));
                scale[j] = sd > 1e-12 ? sd : 1;
            }
            double ym = 0;
            for (double v : y) {
                ym += v / n;
            }
            double yss = 0;
            for (double v : y) {
                yss += (v - ym) * (v - ym);
            }
            double ys = Math.sqrt(yss / n) > 1e-12 ? Math.sqrt(yss / n) : 1;
            double[][] xs = new double[n][d];
            double[] yz = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    xs[i][j] = (x[i][j] - mean[j]) / scale[j];
                }
                yz[i] = (y[i] - ym) / ys;
            }
            int[] fold = new int[n];
            for (int i = 0; i < n; i++) {
                fold[i] = i % FOLDS;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = fold[i];
                fold[i] = fold[j];
                fold[j] = t;
            }
            double bestError = Double.POSITIVE_INFINITY;
            double[] best = null;
            for (int c = 0; c < CONFIGS; c++) {
                double[] h = {Math.pow(10, random.nextDouble(-1, 2.5)), Math.pow(10, random.nextDouble(-3, -0.5)),
                        Math.pow(10, random.nextDouble(-3, 0)) / d * 10};
                double error = 0;
                for (int f = 0; f < FOLDS; f++) {
                    List<double[]> tx = new ArrayList<>();
                    List<Double> ty = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (fold[i] != f) {
                            tx.add(xs[i]);
                            ty.add(yz[i]);
                        }
                    }
                    EpsilonSvr svr = EpsilonSvr.fit(tx.toArray(new double[0][]),
                            ty.stream().mapToDouble(Double::doubleValue).toArray(), h[0], h[1], h[2]);
                    for (int i = 0; i < n; i++) {
                        if (fold[i] == f) {
                            double e = svr.predict(xs[i]) - yz[i];
                            error += e * e;
                        }
                    }
                }
                if (error < bestError) {
                    bestError = error;
                    best = h;
                }
            }
            return new Model(k, learned, mean, scale, ym, ys, EpsilonSvr.fit(xs, yz, best[0], best[1], best[2]));
        }

        double predict(double[] features) {
            double[] z = new double[features.length];
            for (int j = 0; j < z.length; j++) {
                z[j] = (features[j] - mean[j]) / scale[j];
            }
            return yMean + yScale * svr.predict(z);
        }
    }
}
