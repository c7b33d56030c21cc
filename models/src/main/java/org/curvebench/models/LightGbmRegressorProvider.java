package org.curvebench.models;

import java.util.List;
import java.util.Set;
import org.curvebench.core.LearnerOptions;

/** {@code lightgbm}: LightGBM trees per component (native code at fit time), served as plain-Java tree arrays. */
public final class LightGbmRegressorProvider implements RegressorProvider {

    @Override
    public String name() {
        return LightGbmTrainer.NAME;
    }

    @Override
    public String description() {
        return "LightGBM trees per component (slower to query); options learning-rate, max-rounds, num-leaves";
    }

    @Override
    public RegressorTrainer trainer(LearnerOptions options) {
        options.requireOnly("regressor '" + name() + "'", Set.of("learning-rate", "max-rounds", "num-leaves"));
        LightGbmTrainer d = LightGbmTrainer.defaults();
        return new LightGbmTrainer(options.getDouble("learning-rate", d.learningRate(), 0, 1),
                options.getInt("num-leaves", d.numLeaves(), 2, 1 << 16), d.maxDepth(), d.minDataInLeaf(),
                options.getInt("max-rounds", d.maxRounds(), 1, 1_000_000), d.earlyStoppingRounds(), d.threads());
    }

    @Override
    public List<Class<? extends CurveRegressor>> modelTypes() {
        return List.of(TreeEnsembleRegressor.class);
    }
}
