package org.curvebench.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;

/**
 * Fits an {@link EnsembleRegressor} of {@code members} regressors of one kind, each on its own seed and its own
 * data ({@link Resampling}). Deterministic for a seed. Its name is the member kind's, so that a surrogate file
 * names the learner it needs.
 *
 * @param member     fits each member
 * @param members    how many, at least 2
 * @param resampling what data each member sees
 */
public record EnsembleTrainer(RegressorTrainer member, int members, Resampling resampling) implements RegressorTrainer {

    /** What data each member is fitted and early-stopped on. */
    public enum Resampling {
        /**
         * The training and validation architectures pooled and shuffled; member m holds out its own slice, as large
         * as the validation set, starting at m/N of the way through, and trains on the rest. Every architecture
         * trains most members and the early stopping of some, and each member sees as many as a single fit does
         * (README, "Ensembles": over ten NAS-Bench-NLP and EC-NAS splits it beat bootstrap resamples on 14 of 20
         * figures, most where data is scarcest). Without validation architectures every member trains on all.
         */
        FOLDS,
        /** Deep ensembles' resamples: a bootstrap draw of the training architectures, the validation set shared. */
        BOOTSTRAP;

        public static final Resampling DEFAULT = FOLDS;

        /** The name on the command line and in surrogate files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The resampling named {@code label}; an unknown name fails listing the known ones. */
        public static Resampling of(String label) {
            for (Resampling r : values()) {
                if (r.label().equals(label)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown ensemble resampling '" + label + "'; known: folds, bootstrap");
        }
    }

    public EnsembleTrainer {
        if (members < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members);
        }
        if (member == null || resampling == null) {
            throw new IllegalArgumentException("an ensemble needs a member trainer and a resampling");
        }
    }

    /** An ensemble with the default resampling. */
    public EnsembleTrainer(RegressorTrainer member, int members) {
        this(member, members, Resampling.DEFAULT);
    }

    @Override
    public String name() {
        return member.name();
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>(member.hyperparameters());
        h.put("ensemble", members);
        h.put("ensemble_resampling", resampling.label());
        return h;
    }

    @Override
    public boolean readsGraphs() {
        return member.readsGraphs();
    }

    @Override
    public CurveRegressor fit(ModelInputs x, double[][] y, ModelInputs xValid, double[][] yValid, long seed,
                              Progress progress) {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<CurveRegressor> fitted = new ArrayList<>(members);
        int n = x.size() + xValid.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom shuffle = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int m = 0; m < members; m++) {
            long memberSeed = seeds.nextLong();
            Progress p = progress.prefixed("member " + (m + 1) + "/" + members + ": ");
            if (resampling == Resampling.BOOTSTRAP) {
                SplittableRandom draw = new SplittableRandom(memberSeed);
                List<ModelInput> rows = new ArrayList<>(x.size());
                double[][] labels = new double[x.size()][];
                for (int i = 0; i < x.size(); i++) {
                    int pick = draw.nextInt(x.size());
                    rows.add(x.get(pick));
                    labels[i] = y[pick];
                }
                fitted.add(member.fit(ModelInputs.of(rows), labels, xValid, yValid, memberSeed, p));
                continue;
            }
            int held = xValid.size();
            int from = (int) ((long) m * n / members);
            List<ModelInput> train = new ArrayList<>(n - held);
            List<ModelInput> valid = new ArrayList<>(held);
            double[][] yTrain = new double[n - held][];
            double[][] yHeld = new double[held][];
            for (int r = 0; r < n; r++) {
                int i = order[r];
                ModelInput in = i < x.size() ? x.get(i) : xValid.get(i - x.size());
                double[] label = i < x.size() ? y[i] : yValid[i - x.size()];
                if (Math.floorMod(r - from, n) < held) {
                    yHeld[valid.size()] = label;
                    valid.add(in);
                } else {
                    yTrain[train.size()] = label;
                    train.add(in);
                }
            }
            fitted.add(member.fit(ModelInputs.of(train), yTrain, ModelInputs.of(valid), yHeld, memberSeed, p));
        }
        return new EnsembleRegressor(fitted);
    }
}
