package org.curvebench.surrogate.cli;

import org.curvebench.models.LightGbmTrainer;
import org.curvebench.surrogate.SurrogateConfig;
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

    @Option(names = "--learning-rate", defaultValue = "0.1", description = "Boosting learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--max-rounds", defaultValue = "2000",
            description = "Most boosting rounds per component; early stopping usually ends sooner (default: ${DEFAULT-VALUE}).")
    int maxRounds;

    @Option(names = "--observed-epochs", defaultValue = "0",
            description = "Append the first N epochs of the curve to the features (NAS-Bench-x11's \"w. accs\"); "
                    + "queries then pass them with --observed (default: ${DEFAULT-VALUE}).")
    int observedEpochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    SurrogateConfig config(String defaultMetric) {
        LightGbmTrainer d = LightGbmTrainer.defaults();
        LightGbmTrainer trees = new LightGbmTrainer(learningRate, d.numLeaves(), d.maxDepth(), d.minDataInLeaf(), maxRounds,
                d.earlyStoppingRounds(), d.threads());
        SurrogateConfig c = SurrogateConfig.defaults(metric == null ? defaultMetric : metric)
                .withComponents(components).withEncoder(encoder).withRegressor(trees).withSeed(seed)
                .withObservedEpochs(observedEpochs)
                .withNoise(switch (noise) {
                    case "sliding-window" -> SurrogateConfig.slidingWindow(noiseWindow);
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
