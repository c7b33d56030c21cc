package org.curvebench.surrogate.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.curvebench.core.AtomicFile;
import org.curvebench.datasets.nb101.Nb101Dataset;
import org.curvebench.datasets.table.TextFiles;
import org.curvebench.encoding.EnumerableSpace;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SubSpace;
import org.curvebench.encoding.nb101.Nb101Space;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.anytime.AnytimeEvaluation;
import org.curvebench.surrogate.anytime.FinalAccuracies;
import org.curvebench.surrogate.anytime.SubSpaceBest;
import org.curvebench.surrogate.anytime.SurrogateAccuracies;
import org.curvebench.surrogate.anytime.TabularAccuracies;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench oneshot evaluate}: a one-shot run's trajectory scored by an NB111 surrogate or the NB101 table. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Anytime evaluation of a one-shot NAS run, as NAS-Bench-1Shot1 plots it. Reads the run's "
                + "trajectory, one JSON line {\"epoch\", \"seconds\", \"arch\"} per search epoch with the architecture "
                + "the run would pick then (a configuration of --space, or a NAS-Bench-101 cell in it), and writes one "
                + "JSON line per input line: its fields plus module_hash, val_acc and test_acc after full training, "
                + "val_regret and test_regret against the space's best, and regret (the test regret when test "
                + "accuracy is known, else the validation regret; regret_of says which).",
                "Accuracies come from NB111 surrogates (--model: one of val_acc and optionally one of test_acc, "
                        + "their last epoch) or from a NAS-Bench-101 TFRecord file (--dataset: the mean over repeats), "
                        + "in their own units; the space's best is found by enumerating it (about 15 s for "
                        + "1shot1-3 on two busy cores)."})
final class OneShotEvaluateCommand implements Callable<Integer> {

    @Option(names = "--space", required = true, paramLabel = "SPACE",
            description = "NAS-Bench-1Shot1 space of the run: 1shot1-1, 1shot1-2 or 1shot1-3.")
    String space;

    @Option(names = "--trajectory", required = true, paramLabel = "FILE",
            description = "The run's trajectory, JSON Lines (plain or gzip).")
    Path trajectory;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "FILE",
                description = "NB111 surrogate file (fitted with --space nb101); give it twice for a val_acc and a "
                        + "test_acc surrogate.")
        List<Path> models;

        @Option(names = "--dataset", paramLabel = "FILE",
                description = "NAS-Bench-101 TFRecord file (nasbench_only108.tfrecord, nasbench_full.tfrecord).")
        Path dataset;
    }

    @Option(names = "--epochs", defaultValue = "108",
            description = "Budget of --dataset in epochs (default: ${DEFAULT-VALUE}, full training).")
    int epochs;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the lines to this file (written whole or not at all) instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec);
        SearchSpace s = session.space(space);
        if (!(s instanceof SubSpace sub && s instanceof EnumerableSpace && sub.parentSpace().equals(Nb101Space.NAME))) {
            throw session.usage("Invalid value for option '--space': '" + space + "' is not a NAS-Bench-1Shot1 space; "
                    + "use 1shot1-1, 1shot1-2 or 1shot1-3");
        }
        if (source.models != null && source.models.size() > 2) {
            throw session.usage("--model: give at most two surrogates, one of val_acc and one of test_acc");
        }
        if (out != null) {
            AtomicFile.checkWritable(out);
        }
        FinalAccuracies accuracies = accuracies(session);
        SubSpaceBest best = SubSpaceBest.of(s, accuracies, session.progress);
        session.err.printf(Locale.ROOT, "best of %s over %d of its %d cells (%s): val_acc %s, test_acc %s%n", s.name(),
                best.held(), best.cells(), accuracies.source(), number(best.validation()), number(best.test()));
        AnytimeEvaluation evaluation = new AnytimeEvaluation(sub, accuracies, best);
        if (out == null) {
            Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            try (BufferedReader in = TextFiles.reader(trajectory)) {
                evaluation.run(in, trajectory.toString(), w);
            } finally {
                w.flush();
            }
            return 0;
        }
        AtomicFile.writeStream(out, o -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
            try (BufferedReader in = TextFiles.reader(trajectory)) {
                evaluation.run(in, trajectory.toString(), w);
            }
            w.flush();
        });
        return 0;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "none" : Double.toString(v);
    }

    private FinalAccuracies accuracies(Session session) throws Exception {
        if (source.dataset != null) {
            if (epochs < 1) {
                throw session.usage("Invalid value for option '--epochs': " + epochs + "; give a budget in epochs "
                        + "(4, 12, 36 or 108 in NAS-Bench-101's files)");
            }
            Nb101Dataset data = Nb101Dataset.load(source.dataset, session.progress);
            return new TabularAccuracies(data, epochs, source.dataset.toString());
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
            throw session.usage("--epochs applies to --dataset; a surrogate predicts its own number of epochs");
        }
        List<CurveSurrogate> surrogates = new ArrayList<>();
        for (Path m : source.models) {
            surrogates.add(session.files.load(m));
        }
        try {
            return SurrogateAccuracies.byMetric(surrogates);
        } catch (IllegalArgumentException e) {
            throw session.usage("--model: " + e.getMessage());
        }
    }
}
