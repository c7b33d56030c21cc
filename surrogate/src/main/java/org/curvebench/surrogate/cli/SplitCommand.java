package org.curvebench.surrogate.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DatasetSplit;
import org.curvebench.datasets.Metrics;
import org.curvebench.datasets.nlp.NasBenchNlpFormat;
import org.curvebench.datasets.nlp.NasBenchNlpWriter;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.encoding.SearchSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench split}: a seeded train/test split by architecture, written back to files. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Split data by architecture (all seeds of one architecture on one side) into train and test: "
                + "at random (--by random), or a shift split (--by first-epoch) that tests on the architectures whose "
                + "first-epoch value of --metric is highest.",
                "NAS-Bench-NLP logs are written back as log folders (train/, test/), other formats as curve tables "
                        + "(train.jsonl.gz, test.jsonl.gz), so that other tools can be measured on the same split."})
final class SplitCommand implements Callable<Integer> {

    @Option(names = "--space", required = true, description = "Search space of the data.")
    String space;

    @Option(names = "--format", defaultValue = "table", description = "Data format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--data", required = true, description = "The data to split.")
    Path data;

    @Option(names = "--by", defaultValue = "random",
            description = "random (default: a seeded shuffle) or first-epoch (train on the lowest first-epoch values "
                    + "of --metric, test on the highest).")
    String by;

    @Option(names = "--metric", description = "Metric whose first epoch orders a --by first-epoch split (default: the "
            + "space's, val_loss for nlp).")
    String metric;

    @Option(names = "--test-fraction",
            description = "Share of architectures for test, 0 < f < 1 (default: 0.2, or 0.1 with --by first-epoch).")
    Double testFractionOption;

    @Option(names = "--seed", defaultValue = "0", description = "Shuffle seed of --by random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out-dir", required = true, description = "Folder to write train and test into.")
    Path outDir;

    @picocli.CommandLine.Mixin
    GraphsOption graphs;

    @picocli.CommandLine.Mixin
    PaddingOption padding;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec);
        boolean shift = by.equals("first-epoch");
        if (!shift && !by.equals("random")) {
            throw Session.usage(spec, "Invalid value for option '--by': '" + by + "'; choose random or first-epoch");
        }
        if (metric != null && !shift) {
            throw Session.usage(spec, "--metric orders a --by first-epoch split; a random split does not read it");
        }
        if (metric != null && !Metrics.KNOWN.contains(metric)) {
            throw Session.usage(spec, "Invalid value for option '--metric': unknown metric '" + metric + "'; known: "
                    + String.join(", ", Metrics.KNOWN));
        }
        double testFraction = testFractionOption != null ? testFractionOption : shift ? 0.1 : 0.2;
        if (!(testFraction > 0 && testFraction < 1)) {
            throw Session.usage(spec, "Invalid value for option '--test-fraction': " + testFraction
                    + "; it is the share of architectures for test and must be between 0 and 1 (0 < f < 1), "
                    + "e.g. 0.2");
        }
        SearchSpace s = session.space(space);
        session.format(format);
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new IOException("--out-dir " + outDir + " is a file, not a folder; give a folder (it is created "
                    + "if missing)");
        }
        CurveDataset dataset = session.load(format, data, s, graphs.graphs, padding.padEpochs);
        int n = dataset.size();
        if (n < 2) {
            throw Session.usage(spec, data + " has " + n + " architecture(s); a train/test split needs at least 2");
        }
        int train = DatasetSplit.trainSize(n, 1 - testFraction);
        if (train == n || train == 0) {
            throw Session.usage(spec, String.format(Locale.ROOT, "Invalid value for option '--test-fraction': %s "
                    + "leaves the %s set empty, as %s has %d architectures; for these data use %s", testFraction,
                    train == n ? "test" : "train", data, n, n == 2 ? "0.5" : String.format(Locale.ROOT,
                            "a fraction from %.4g to %.4g", 1.0 / n, 1 - 1.0 / n)));
        }
        String m = metric != null ? metric : s.defaultMetric();
        if (shift && !dataset.commonMetrics().contains(m)) {
            throw Session.usage(spec, "--metric " + m + ": not every run of " + data + " has it; they share "
                    + dataset.commonMetrics());
        }
        DatasetSplit split = shift ? DatasetSplit.byFirstEpoch(dataset, m, testFraction)
                : DatasetSplit.of(dataset, 1 - testFraction, 0, seed);
        try {
            Files.createDirectories(outDir);
        } catch (FileSystemException e) {
            throw new IOException("cannot create --out-dir " + outDir + ": "
                    + (e.getReason() != null ? e.getReason() : e.getFile() + " is in the way (a file?)"), e);
        }
        if (format.equals(NasBenchNlpFormat.NAME)) {
            NasBenchNlpWriter.write(split.train(), outDir.resolve("train"));
            NasBenchNlpWriter.write(split.test(), outDir.resolve("test"));
        } else {
            CurveTableWriter.write(split.train(), outDir.resolve("train.jsonl.gz"));
            CurveTableWriter.write(split.test(), outDir.resolve("test.jsonl.gz"));
        }
        session.err.printf("train: %d architectures (%d runs); test: %d architectures (%d runs); written under %s%n",
                split.train().size(), split.train().runCount(), split.test().size(), split.test().runCount(), outDir);
        if (shift) {
            session.err.printf(Locale.ROOT, "first-epoch %s: train %.4g to %.4g, test %.4g to %.4g%n", m,
                    first(split.train(), m, 0), first(split.train(), m, split.train().size() - 1),
                    first(split.test(), m, 0), first(split.test(), m, split.test().size() - 1));
        }
        return 0;
    }

    private static double first(CurveDataset part, String metric, int index) {
        return part.architectures().get(index).meanCurve(metric).get(0);
    }
}
