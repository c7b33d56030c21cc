package org.curvebench.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.core.Progress;

/**
 * Fits an {@link EnsembleRegressor} of {@code members} regressors of one kind, as deep ensembles do: member m is
 * fitted with its own seed on a bootstrap resample of the training architectures (drawn from that seed; the
 * validation architectures stay the same). Deterministic for a seed. Its name is the member kind's, so that a
 * surrogate file names the learner it needs.
 *
 * @param member  fits each member
 * @param members how many, at least 2
 */
public record EnsembleTrainer(RegressorTrainer member, int members) implements RegressorTrainer {

    public EnsembleTrainer {
        if (members < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members);
        }
    }

    @Override
    public String name() {
        return member.name();
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>(member.hyperparameters());
        h.put("ensemble", members);
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
        int n = x.size();
        for (int m = 0; m < members; m++) {
            long memberSeed = seeds.nextLong();
            SplittableRandom draw = new SplittableRandom(memberSeed);
            List<ModelInput> rows = new ArrayList<>(n);
            double[][] labels = new double[n][];
            for (int i = 0; i < n; i++) {
                int pick = draw.nextInt(n);
                rows.add(x.get(pick));
                labels[i] = y[pick];
            }
            fitted.add(member.fit(ModelInputs.of(rows), labels, xValid, yValid, memberSeed,
                    progress.prefixed("member " + (m + 1) + "/" + members + ": ")));
        }
        return new EnsembleRegressor(fitted);
    }
}
