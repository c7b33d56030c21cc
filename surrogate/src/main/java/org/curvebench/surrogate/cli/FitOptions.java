package org.curvebench.surrogate.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.curvebench.core.LearnerOptions;
import org.curvebench.core.LearnerOptions.LearnerOptionException;
import org.curvebench.core.Named;
import org.curvebench.core.Registry;
import org.curvebench.core.UnknownNameException;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.Metrics;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.models.EmbeddingFeaturesTrainer;
import org.curvebench.models.EnsembleTrainer;
import org.curvebench.models.RegressorProvider;
import org.curvebench.models.RegressorTrainer;
import org.curvebench.noise.NoiseModelTrainer;
import org.curvebench.noise.NoiseProvider;
import org.curvebench.surrogate.EncoderSpec;
import org.curvebench.surrogate.SurrogateConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options that say how a surrogate is fitted, shared by {@code fit}, {@code demo} and {@code benchmark}. Learners
 * are looked up by name in their registries; every option is checked before any data is read, and a bad one is a
 * usage error (exit 2) naming the flag.
 */
final class FitOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--metric", description = "Metric to model (default: the space's, val_acc for most).")
    String metric;

    @Option(names = "--metrics", paramLabel = "all|M1,M2,...",
            description = "Every metric the surrogate answers, each with its own compression, regressor and noise, "
                    + "drawn jointly: 'all' (every metric all runs have, epoch_seconds included, val_loss_x11 left "
                    + "out) or a list such as val_loss,train_loss,epoch_seconds; always includes --metric "
                    + "(default: --metric alone).")
    String metrics;

    @Option(names = "--encoder", paramLabel = "ENCODER|gin|gin+ENCODER",
            description = "Encoder of the space (default: the space's first); gin: GINs over the cell graph, "
                    + "fitted out of fold on the training curves, encode each architecture and the regressor reads "
                    + "the encoding; gin+ENCODER: the encoding beside the encoder's features, kept only where it "
                    + "answers the validation architectures better. The --gin-* flags shape those GINs; they travel "
                    + "in the surrogate file.")
    String encoder;

    @Option(names = "--encoding-folds", paramLabel = "N",
            description = "With --encoder gin or gin+ENCODER: folds of the out-of-fold encodings, one GIN each, every "
                    + "query running all N (default: 3; 2 fits and queries faster, each GIN seeing half the cells).")
    Integer encodingFolds;

    @Option(names = "--components", defaultValue = "5", description = "SVD components k (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--compression", defaultValue = "centred",
            description = "centred (default) or x11 (NAS-Bench-x11's SVD of raw curves).")
    String compression;

    @Option(names = "--noise", defaultValue = "sliding-window",
            description = "Noise model, by registered name: sliding-window (default) or kde (NAS-Bench-x11's released code).")
    String noise;

    @Option(names = "--noise-window", description = "Sliding window in epochs (odd; default: 9).")
    Integer noiseWindow;

    @Option(names = "--noise-option", paramLabel = "KEY=VALUE",
            description = "Any option of the noise model, e.g. spread=lightgbm (repeatable).")
    Map<String, String> noiseOptions = new LinkedHashMap<>();

    @Option(names = "--regressor", defaultValue = "oblivious",
            description = "Component regressor, by registered name: oblivious (default; pure-Java multi-output oblivious "
                    + "boosted trees, fast batch queries), lightgbm (LightGBM trees per component, slower to query) or "
                    + "gin (graph isomorphism network over the cell graph).")
    String regressor;

    @Option(names = "--learning-rate",
            description = "Boosting learning rate (default: 0.3 for oblivious, 0.1 for lightgbm).")
    String learningRate;

    @Option(names = "--depth", description = "Depth of oblivious trees (default: 4, or chosen on validation "
            + "architectures when there are at most 5,000).")
    String depth;

    @Option(names = "--max-rounds",
            description = "Most boosting rounds (default: 150 for oblivious, 2000 per component for lightgbm); early "
                    + "stopping may end sooner.")
    String maxRounds;

    @Option(names = "--regressor-option", paramLabel = "KEY=VALUE",
            description = "Any option of the regressor, e.g. num-leaves=63 (repeatable).")
    Map<String, String> regressorOptions = new LinkedHashMap<>();

    @Option(names = "--gin-layers", description = "GIN message-passing layers (--regressor gin or --encoder gin; "
            + "default: 1; GINs of --encoder gin: 4).")
    String ginLayers;

    @Option(names = "--gin-hidden", description = "GIN node-state width (--regressor gin or --encoder gin; default: 24).")
    String ginHidden;

    @Option(names = "--gin-epochs", description = "Most GIN training epochs; early stopping may end sooner "
            + "(--regressor gin or --encoder gin; default: 100).")
    String ginEpochs;

    @Option(names = "--gin-lr", description = "GIN Adam learning rate (--regressor gin or --encoder gin; default: 0.01).")
    String ginLr;

    @Option(names = "--gin-batch", description = "GIN architectures per step (--regressor gin or --encoder gin; default: 51).")
    String ginBatch;

    @Option(names = "--gin-dropout", description = "GIN head dropout while training (--regressor gin or --encoder gin; default: 0.035).")
    String ginDropout;

    @Option(names = "--gin-skip-knots", paramLabel = "N", description = "Hinges per observed value and change in the "
            + "GIN's skip from the observed epochs, at N quantiles of the training values; 0 makes the skip a line "
            + "(--regressor gin or --encoder gin; default: 0).")
    String ginSkipKnots;

    @Option(names = "--gin-refit", paramLabel = "true|false", description = "After early stopping has chosen the "
            + "number of epochs, train the GIN again for that many on the training and validation architectures "
            + "together (--regressor gin or --encoder gin; default: false).")
    String ginRefit;

    @Option(names = "--ensemble", paramLabel = "N",
            description = "Fit N regressors, each on its own seed and data (--ensemble-resampling), and predict "
                    + "their mean; query --uncertainty then gives their spread (default: 5 for --regressor gin, "
                    + "else 1, no ensemble).")
    Integer ensemble;

    @Option(names = "--ensemble-resampling", paramLabel = "folds|bootstrap",
            description = "With --ensemble N: folds (each member holds out its own slice of the training "
                    + "architectures for early stopping and trains on the rest) or bootstrap (each member trains on a "
                    + "bootstrap resample; the validation architectures are shared) (default: folds).")
    String ensembleResampling;

    @Option(names = "--observed-epochs",
            description = "Append the first N epochs of the curve to the features (NAS-Bench-x11's \"w. accs\"); "
                    + "queries then pass them with --observed (default: the space's, 3 for nlp, else 0).")
    Integer observedEpochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The configuration these options give for {@code space}; a bad option is a usage error naming its flag. */
    SurrogateConfig config(Session session, SearchSpace space) {
        String m = metric == null ? space.defaultMetric() : metric;
        if (!Metrics.KNOWN.contains(m)) {
            throw usage("--metric: unknown metric '" + m + "'; known: " + String.join(", ", Metrics.KNOWN));
        }
        if (metrics != null && !metrics.equals("all")) {
            for (String name : metrics.split(",", -1)) {
                if (!Metrics.KNOWN.contains(name.strip())) {
                    throw usage("--metrics: unknown metric '" + name.strip() + "'; give all or a list of: "
                            + String.join(", ", Metrics.KNOWN));
                }
            }
        }
        EncoderSpec encoding = encoding(session, space);
        if (components < 1) {
            throw usage("--components must be at least 1, got " + components);
        }
        if (observedEpochs != null && observedEpochs < 0) {
            throw usage("--observed-epochs must be 0 or more, got " + observedEpochs);
        }
        if (!compression.equals("centred") && !compression.equals("x11")) {
            throw usage("--compression must be centred or x11, not '" + compression + "'");
        }
        RegressorProvider regressorKind = lookup(session.regressors, regressor, "--regressor");
        LearnerOptions ro = LearnerOptions.of(regressorOptions);
        ro = put(ro, "learning-rate", learningRate);
        ro = put(ro, "depth", depth);
        ro = put(ro, "max-rounds", maxRounds);
        ro = put(ro, "gin-layers", ginLayers);
        ro = put(ro, "gin-hidden", ginHidden);
        ro = put(ro, "gin-epochs", ginEpochs);
        ro = put(ro, "gin-lr", ginLr);
        ro = put(ro, "gin-batch", ginBatch);
        ro = put(ro, "gin-dropout", ginDropout);
        ro = put(ro, "gin-skip-knots", ginSkipKnots);
        ro = put(ro, "gin-refit", ginRefit);
        RegressorTrainer trees;
        RegressorTrainer embedder = null;
        try {
            if (encoding.embedding() == null) {
                trees = regressorKind.trainer(ro);
            } else {
                String prefix = encoding.embedding() + "-";
                LearnerOptions treeOptions = LearnerOptions.none();
                LearnerOptions embeddingOptions = LearnerOptions.none();
                for (Map.Entry<String, String> o : ro.asMap().entrySet()) {
                    if (o.getKey().startsWith(prefix)) {
                        embeddingOptions = embeddingOptions.with(o.getKey(), o.getValue());
                    } else {
                        treeOptions = treeOptions.with(o.getKey(), o.getValue());
                    }
                }
                trees = regressorKind.trainer(treeOptions);
                embedder = session.regressors.get(encoding.embedding()).trainer(embeddingOptions);
            }
        } catch (LearnerOptionException e) {
            throw usage(flag(e.option(), "--regressor-option") + ": " + e.getMessage());
        }
        if (embedder != null) {
            if (trees.readsGraphs()) {
                throw usage("--encoder " + encoding.name() + " feeds a learned embedding to a regressor of features, "
                        + "and --regressor " + regressor + " reads the cell graph itself: give --regressor oblivious "
                        + "(or another regressor of features), or drop the embedding from --encoder");
            }
            int folds = encodingFolds == null ? EmbeddingFeaturesTrainer.DEFAULT_FOLDS : encodingFolds;
            if (folds < 2 || folds > 20) {
                throw usage("--encoding-folds must be 2..20, got " + folds);
            }
            trees = new EmbeddingFeaturesTrainer(embedder, trees, folds);
        }
        if (embedder == null && encodingFolds != null) {
            throw usage("--encoding-folds applies to --encoder gin or gin+ENCODER only");
        }
        int members = ensemble != null ? ensemble : regressorKind.defaultMembers();
        if (members < 1 || members > 1000) {
            throw usage("--ensemble must be 1..1000 members, got " + members);
        }
        EnsembleTrainer.Resampling resampling = EnsembleTrainer.Resampling.DEFAULT;
        if (ensembleResampling != null) {
            if (members == 1) {
                throw usage("--ensemble-resampling applies to --ensemble N with N of 2 or more");
            }
            try {
                resampling = EnsembleTrainer.Resampling.of(ensembleResampling.strip());
            } catch (IllegalArgumentException e) {
                throw usage("--ensemble-resampling: " + e.getMessage());
            }
        }
        if (members > 1) {
            trees = new EnsembleTrainer(trees, members, resampling);
        }
        NoiseProvider noiseKind = lookup(session.noiseModels, noise, "--noise");
        LearnerOptions no = put(LearnerOptions.of(noiseOptions), "window", noiseWindow == null ? null : noiseWindow.toString());
        NoiseModelTrainer noiseTrainer;
        try {
            noiseTrainer = noiseKind.trainer(no, session.regressors);
        } catch (LearnerOptionException e) {
            throw usage(flag(e.option(), "--noise-option") + ": " + e.getMessage());
        } catch (UnknownNameException e) {
            throw usage("--noise-option: " + e.getMessage());
        }
        SurrogateConfig c = SurrogateConfig.defaults(m)
                .withComponents(components).withEncoder(encoder == null ? null : encoding.name()).withRegressor(trees).withNoise(noiseTrainer).withSeed(seed)
                .withObservedEpochs(observedEpochs == null ? space.defaultObservedEpochs() : observedEpochs);
        return compression.equals("x11") ? c.x11Baseline() : c;
    }

    /**
     * {@code config} with the metrics {@code --metrics} lists besides the primary, checked against the data: every
     * run must have each one. A missing metric is a usage error naming the flag and the metrics the data has.
     */
    SurrogateConfig withMetrics(SurrogateConfig config, CurveDataset data) {
        if (metrics == null) {
            return config;
        }
        java.util.Set<String> present = data.commonMetrics();
        java.util.List<String> others = new java.util.ArrayList<>();
        if (metrics.equals("all")) {
            for (String m : Metrics.KNOWN) {
                if (present.contains(m) && !m.equals(config.metric()) && !m.equals(Metrics.VAL_LOSS_X11)) {
                    others.add(m);
                }
            }
        } else {
            for (String name : metrics.split(",")) {
                String m = name.strip();
                if (!present.contains(m)) {
                    throw usage("--metrics: not every run of the data has '" + m + "'; every run has "
                            + String.join(", ", present));
                }
                if (!m.equals(config.metric()) && !others.contains(m)) {
                    others.add(m);
                }
            }
        }
        return config.withOtherMetrics(others);
    }

    /**
     * What {@code --encoder} names: a feature encoder of the space, a learner that embeds architectures (its
     * registered regressor name, e.g. {@code gin}) or the two joined by {@code +}; anything else is a usage error
     * listing what the space offers.
     */
    private EncoderSpec encoding(Session session, SearchSpace space) {
        EncoderSpec spec;
        try {
            spec = EncoderSpec.parse(space, encoder);
        } catch (IllegalArgumentException e) {
            throw usage("--encoder: " + e.getMessage());
        }
        if (spec.embedding() != null && !(session.regressors.contains(spec.embedding())
                && session.regressors.get(spec.embedding()).embeds())) {
            java.util.List<String> embedders = new java.util.ArrayList<>();
            for (RegressorProvider p : session.regressors.all()) {
                if (p.embeds()) {
                    embedders.add(p.name() + ", " + p.name() + "+ENCODER");
                }
            }
            throw usage("--encoder: space '" + space.name() + "' has no encoder '" + encoder + "'; available: "
                    + String.join(", ", space.encoderNames()) + (embedders.isEmpty() ? ""
                    : " (feature encoders) and " + String.join(", ", embedders) + " (learned embeddings, fed to "
                    + "the regressor alone or beside a feature encoder)"));
        }
        if (spec.embedding() != null && space.graphSchema().isEmpty()) {
            throw usage("--encoder " + encoder + ": the " + spec.embedding() + " encoding reads the cell graph, and "
                    + "space '" + space.name() + "' defines none; use one of its encoders: "
                    + String.join(", ", space.encoderNames()));
        }
        return spec;
    }

    private static LearnerOptions put(LearnerOptions options, String name, String value) {
        return value == null ? options : options.with(name, value);
    }

    /** The flag that sets learner option {@code option}. */
    private static String flag(String option, String generic) {
        return switch (option) {
            case "learning-rate", "depth", "max-rounds", "gin-layers", "gin-hidden", "gin-epochs", "gin-lr", "gin-batch",
                 "gin-dropout", "gin-skip-knots", "gin-refit" -> "--" + option;
            case "window" -> "--noise-window";
            default -> generic + " " + option;
        };
    }

    private <T extends Named> T lookup(Registry<T> registry, String name, String flag) {
        if (!registry.contains(name)) {
            StringBuilder known = new StringBuilder();
            for (T t : registry.all()) {
                known.append(String.format("%n  %-16s %s", t.name(), t.description()));
            }
            throw usage(flag + ": unknown " + registry.kind() + " '" + name + "'; available:" + known);
        }
        return registry.get(name);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
