package org.curvebench.surrogate.cli;

import org.curvebench.models.LightGbmTrainer;
import org.curvebench.models.ObliviousBoostingTrainer;
import org.curvebench.models.SmallDataSelection;
import org.curvebench.models.RegressorTrainer;
import org.curvebench.surrogate.SurrogateConfig;
import org.curvebench.encoding.SearchSpace;
import picocli.CommandLine.Option;

/** Options that say how a surrogate is fitted, shared by {@code fit}, {@code demo} and {@code benchmark}. */
final class FitOptions {

    @Option(names = "--metric", description = "Metric to model (default: the space's, val_acc for most).")
    String metric;

    @Option(names = "--encoder", description = "Encoder of the space (default: the space's first).")
    String encoder;

    @Option(names = "--components", defaultValue = "5", description = "SVD components k (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--compression", defaultValue = "centred",
            description = "centred (default) or x11 (NAS-Bench-x11's SVD of raw curves).")
    String compression;

    @Option(names = "--noise", defaultValue = "sliding-window",
            description = "Noise model: sliding-window (default) or kde (NAS-Bench-x11's released code).")
    String noise;

    @Option(names = "--noise-window", defaultValue = "9", description = "Sliding window in epochs (odd; default: ${DEFAULT-VALUE}).")
    int noiseWindow;

    @Option(names = "--regressor", defaultValue = "oblivious",
            description = "Component regressor: oblivious (default; pure-Java multi-output oblivious boosted trees, "
                    + "fast batch queries) or lightgbm (LightGBM trees per component, slower to query).")
    String regressor;

    @Option(names = "--learning-rate",
            description = "Boosting learning rate (default: 0.3 for oblivious, 0.1 for lightgbm).")
    Double learningRate;

    @Option(names = "--depth", description = "Depth of oblivious trees (default: 4, or chosen between 4 and 6 on validation architectures when "
                    + "there are at most 5,000; --regressor oblivious only).")
    Integer depth;

    @Option(names = "--max-rounds",
            description = "Most boosting rounds (default: 150 for oblivious, 2000 per component for lightgbm); early "
                    + "stopping may end sooner.")
    Integer maxRounds;

    @Option(names = "--observed-epochs",
            description = "Append the first N epochs of the curve to the features (NAS-Bench-x11's \"w. accs\"); "
                    + "queries then pass them with --observed (default: the space's, 3 for nlp, else 0).")
    Integer observedEpochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    SurrogateConfig config(SearchSpace space) {
        RegressorTrainer trees = switch (regressor) {
            case LightGbmTrainer.NAME -> {
                if (depth != null) {
                    throw new IllegalArgumentException("--depth applies to --regressor oblivious only");
                }
                LightGbmTrainer d = LightGbmTrainer.defaults();
                yield new LightGbmTrainer(learningRate == null ? d.learningRate() : learningRate, d.numLeaves(),
                        d.maxDepth(), d.minDataInLeaf(), maxRounds == null ? d.maxRounds() : maxRounds, d.earlyStoppingRounds(),
                        d.threads());
            }
            case ObliviousBoostingTrainer.NAME -> {
                if (learningRate == null && depth == null && maxRounds == null) {
                    yield SmallDataSelection.defaults();
                }
                ObliviousBoostingTrainer o = ObliviousBoostingTrainer.defaults();
                if (maxRounds != null) {
                    o = o.withMaxRounds(maxRounds);
                }
                if (learningRate != null) {
                    o = o.withLearningRate(learningRate);
                }
                yield depth == null ? o : o.withDepth(depth);
            }
            default -> throw new IllegalArgumentException("--regressor must be lightgbm or oblivious, not '" + regressor + "'");
        };
        SurrogateConfig c = SurrogateConfig.defaults(metric == null ? space.defaultMetric() : metric)
                .withComponents(components).withEncoder(encoder).withRegressor(trees).withSeed(seed)
                .withObservedEpochs(observedEpochs == null ? space.defaultObservedEpochs() : observedEpochs)
                .withNoise(switch (noise) {
                    case "sliding-window" -> trees instanceof ObliviousBoostingTrainer
                            ? SurrogateConfig.slidingWindow(noiseWindow, ObliviousBoostingTrainer.defaults())
                            : SurrogateConfig.slidingWindow(noiseWindow);
                    case "kde" -> SurrogateConfig.kde(noiseWindow);
                    default -> throw new IllegalArgumentException("--noise must be sliding-window or kde, not '" + noise + "'");
                });
        return switch (compression) {
            case "centred" -> c;
            case "x11" -> c.x11Baseline();
            default -> throw new IllegalArgumentException("--compression must be centred or x11, not '" + compression + "'");
        };
    }
}
