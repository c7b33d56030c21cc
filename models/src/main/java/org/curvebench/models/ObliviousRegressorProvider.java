package org.curvebench.models;

import java.util.List;
import java.util.Set;
import org.curvebench.core.LearnerOptions;

/**
 * {@code oblivious}, CurveBench's default regressor: pure-Java multi-output oblivious boosted trees. Without
 * options it is {@link SmallDataSelection#defaults()}; {@code learning-rate}, {@code depth} and {@code max-rounds}
 * fix the settings instead.
 */
public final class ObliviousRegressorProvider implements RegressorProvider {

    @Override
    public String name() {
        return ObliviousBoostingTrainer.NAME;
    }

    @Override
    public String description() {
        return "pure-Java multi-output oblivious boosted trees (default; fast batch queries); options learning-rate, "
                + "depth, max-rounds";
    }

    @Override
    public RegressorTrainer trainer(LearnerOptions options) {
        options.requireOnly("regressor '" + name() + "'", Set.of("learning-rate", "depth", "max-rounds"));
        if (options.isEmpty()) {
            return SmallDataSelection.defaults();
        }
        ObliviousBoostingTrainer d = ObliviousBoostingTrainer.defaults();
        return d.withLearningRate(options.getDouble("learning-rate", d.learningRate(), 0, 1))
                .withDepth(options.getInt("depth", d.depth(), 1, 12))
                .withMaxRounds(options.getInt("max-rounds", d.maxRounds(), 1, 1_000_000));
    }

    @Override
    public List<Class<? extends CurveRegressor>> modelTypes() {
        return List.of(ObliviousTreeRegressor.class);
    }
}
