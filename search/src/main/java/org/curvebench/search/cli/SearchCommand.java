package org.curvebench.search.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.curvebench.core.Progress;
import org.curvebench.core.Registry;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DatasetFormats;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SearchSpaces;
import org.curvebench.search.Benchmark;
import org.curvebench.search.ConstantEpochTime;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.OptimizerSpec;
import org.curvebench.search.Regret;
import org.curvebench.search.RegretSummary;
import org.curvebench.search.RunsFile;
import org.curvebench.search.Search;
import org.curvebench.search.SurrogateCurves;
import org.curvebench.search.TableBenchmark;
import org.curvebench.search.Trajectory;
import org.curvebench.search.TrainingTime;
import org.curvebench.search.TrialRunner;
import org.curvebench.search.lce.LceMethod;
import org.curvebench.surrogate.SurrogateFiles;
import org.curvebench.surrogate.cli.TerminalProgress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code curvebench search}: NAS optimizers run in simulated time on a surrogate or a replayed curve table. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run NAS optimizers on a surrogate (or replay a table of real runs) in simulated time and "
                + "write one JSON line per training: optimizer, trial, seconds, arch, epochs, value, incumbent, "
                + "incumbent_value, incumbent_epochs, incumbent_mean, regret, reference.",
                "Each training charges its simulated seconds to the trial's clock; a trial stops before the "
                        + "training that would cross --budget-seconds. Results depend only on --seed."})
public final class SearchCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--model", paramLabel = "FILE", description = "A surrogate file (.cbs) to search on.")
        Path model;

        @Option(names = "--data", paramLabel = "FILE",
                description = "Replay a table of real runs instead (needs --space); only its architectures are trained.")
        Path data;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--space", description = "Space of --data.")
    String space;

    @Option(names = "--format", defaultValue = "table", description = "Format of --data (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--metric", defaultValue = "val_acc", description = "Metric of --data (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--optimizer", required = true, split = ",", paramLabel = "NAME[+LCE]",
            description = "Optimizers, comma-separated or repeated: rs, re, ls, sh, hb; NAME+LCE "
                    + "(re+wpm) extrapolates with that method.")
    List<String> optimizers = new ArrayList<>();

    @Option(names = "--lce", defaultValue = "none",
            description = "Extrapolation for the single-fidelity optimizers named without one: none or a method "
                    + "(wpm) (default: ${DEFAULT-VALUE}).")
    String lce;

    @Option(names = "--lce-epochs", paramLabel = "E", description = "Epochs trained before extrapolating (default: 20% of the epochs).")
    Integer lceEpochs;

    @Option(names = "--lce-top", paramLabel = "F",
            description = "A candidate is trained fully when its prediction beats the worst of this top fraction "
                    + "of the final values so far (default, as NAS-Bench-x11: 0.2 for nb101 and darts, else 0.5).")
    Double lceTop;

    @Option(names = "--budget-seconds", required = true, paramLabel = "S", description = "Simulated seconds per trial.")
    double budget;

    @Option(names = "--trials", defaultValue = "30", description = "Trials per optimizer (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-noise", description = "Train on the surrogate's mean curves instead of noisy ones.")
    boolean noNoise;

    @Option(names = "--seconds-per-epoch", paramLabel = "S",
            description = "Simulated seconds of one epoch (default: the surrogate's predicted epoch_seconds when it has them, else the space's constant, see README).")
    Double secondsPerEpoch;

    @Option(names = "--min-epochs", paramLabel = "E",
            description = "Fewest epochs of sh and hb (default: the epochs / 27, at least 1).")
    Integer minEpochs;

    @Option(names = "--reference-sample", defaultValue = "10000", paramLabel = "N",
            description = "Where a space is too large to list, regret is measured from the best of N sampled "
                    + "architectures plus all trained ones (default: ${DEFAULT-VALUE}).")
    int referenceSample;

    @Option(names = "--threads", defaultValue = "2", description = "Trials run at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSON Lines output.")
    Path out;

    @Option(names = "--summary", description = "Print mean and standard error of regret at budget fractions.")
    boolean summary;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(budget > 0) || Double.isInfinite(budget)) {
            throw usage("--budget-seconds must be positive, got " + budget);
        }
        if (trials < 1 || threads < 1 || referenceSample < 1) {
            throw usage("--trials, --threads and --reference-sample must be at least 1");
        }
        if (secondsPerEpoch != null && !(secondsPerEpoch > 0)) {
            throw usage("--seconds-per-epoch must be positive, got " + secondsPerEpoch);
        }
        if (lceTop != null && !(lceTop > 0 && lceTop <= 1)) {
            throw usage("--lce-top must be in (0, 1], got " + lceTop);
        }
        Registry<OptimizerProvider> known = OptimizerProvider.installed();
        Registry<LceMethod> methods = LceMethod.installed();
        Benchmark benchmark = benchmark();
        int epochs = benchmark.epochs();
        int few = lceEpochs != null ? lceEpochs : Math.max(1, (int) Math.round(0.2 * epochs));
        if (few < 1 || few >= epochs) {
            throw usage("--lce-epochs must be in 1.." + (epochs - 1) + " (the benchmark trains " + epochs + " epochs)");
        }
        int min = minEpochs != null ? minEpochs : Math.max(1, (int) Math.round(epochs / 27.0));
        if (min < 1 || min > epochs) {
            throw usage("--min-epochs must be in 1.." + epochs);
        }
        List<OptimizerSpec> specs = new ArrayList<>();
        for (String token : optimizers) {
            String name = token.strip();
            String method = lce;
            int plus = name.indexOf('+');
            if (plus >= 0) {
                method = name.substring(plus + 1);
                name = name.substring(0, plus);
            }
            if (!known.contains(name)) {
                throw usage("Invalid value for option '--optimizer': unknown optimizer '" + name + "'; known: "
                        + String.join(", ", known.names()));
            }
            OptimizerProvider provider = known.get(name);
            boolean plain = method.equals("none") || (plus < 0 && provider.multiFidelity());
            if (plain) {
                specs.add(OptimizerSpec.plain(provider));
                continue;
            }
            if (!methods.contains(method)) {
                throw usage("unknown extrapolation method '" + method + "'; known: none, "
                        + String.join(", ", methods.names()));
            }
            if (provider.multiFidelity()) {
                throw usage("optimizer '" + name + "' chooses its own epochs; extrapolation (+" + method
                        + ") applies to single-fidelity optimizers");
            }
            specs.add(new OptimizerSpec(provider, methods.get(method), few,
                    lceTop != null ? lceTop : defaultTop(benchmark.space().name())));
        }
        TrainingTime time = secondsPerEpoch != null ? new ConstantEpochTime(secondsPerEpoch)
                : predictedTime != null ? predictedTime : ConstantEpochTime.forSpace(benchmark.space().name());
        PrintStream err = System.err;
        err.println("searching " + benchmark.description() + "; " + (secondsPerEpoch != null
                ? secondsPerEpoch + " simulated s per epoch"
                : predictedTime != null ? "training time from the surrogate's predicted epoch_seconds"
                : ConstantEpochTime.forSpace(benchmark.space().name()).secondsPerEpoch() + " simulated s per epoch"));
        org.curvebench.core.AtomicFile.checkWritable(out);
        Progress progress = TerminalProgress.forConsole();
        long t0 = System.nanoTime();
        List<Trajectory> runs = new Search(new TrialRunner(benchmark, time, budget), min, threads)
                .run(specs, trials, seed, progress);
        double searchSeconds = (System.nanoTime() - t0) / 1e9;
        Regret regret = Regret.score(benchmark, runs, referenceSample, seed);
        RunsFile.write(out, runs, regret);
        long trainings = runs.stream().mapToLong(r -> r.evaluations().size()).sum();
        err.printf(Locale.ROOT, "%d trials, %d trainings in %.1f s (%.0f simulated trainings per second); "
                        + "regret reference: %s; wrote %s%n", runs.size(), trainings, searchSeconds,
                trainings / Math.max(searchSeconds, 1e-9), regret.reference().describe(), out);
        if (summary) {
            System.out.print(RegretSummary.format(RegretSummary.of(runs, regret, budget), regret.reference()));
        }
        return 0;
    }

    /** NAS-Bench-x11's top fractions: 0.2 on NB101 and DARTS, 0.5 on NB201 and NLP. */
    static double defaultTop(String space) {
        return space.equals("nb101") || space.equals("darts") ? 0.2 : 0.5;
    }

    /** The surrogate's own training time, when it predicts {@code epoch_seconds}; set by {@link #benchmark()}. */
    private TrainingTime predictedTime;

    private Benchmark benchmark() throws java.io.IOException {
        if (source.model != null) {
            if (space != null) {
                throw usage("--space applies to --data; a surrogate knows its space");
            }
            org.curvebench.surrogate.CurveSurrogate surrogate = SurrogateFiles.installed().load(source.model);
            predictedTime = org.curvebench.search.SurrogateEpochTime.of(surrogate).orElse(null);
            return new SurrogateCurves(surrogate, !noNoise);
        }
        if (space == null) {
            throw usage("--data needs --space");
        }
        if (noNoise) {
            throw usage("--no-noise applies to --model; a table replays its real runs");
        }
        SearchSpaces spaces = SearchSpaces.installed();
        if (spaces.all().stream().map(SearchSpace::name).noneMatch(space::equals)) {
            throw usage("Invalid value for option '--space': unknown search space '" + space + "'");
        }
        DatasetFormats formats = DatasetFormats.installed();
        if (formats.all().stream().noneMatch(f -> f.name().equals(format))) {
            throw usage("Invalid value for option '--format': unknown data format '" + format + "'");
        }
        CurveDataset data = formats.get(format).read(source.data, spaces.get(space), Progress.NONE);
        if (!data.commonMetrics().contains(metric)) {
            throw usage("--metric " + metric + " is not in every run of " + source.data + "; common metrics: "
                    + data.commonMetrics());
        }
        return new TableBenchmark(data, metric);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
