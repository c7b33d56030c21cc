package org.curvebench.surrogate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DatasetSplit;
import org.curvebench.datasets.nlp.NasBenchNlpFormat;
import org.curvebench.datasets.nlp.NasBenchNlpWriter;
import org.curvebench.datasets.table.CurveTableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code curvebench split}: a seeded train/test split by architecture, written back to files. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Split data by architecture (all seeds of one architecture on one side) into train and test.",
                "NAS-Bench-NLP logs are written back as log folders (train/, test/), other formats as curve tables "
                        + "(train.jsonl.gz, test.jsonl.gz), so that other tools can be measured on the same split."})
final class SplitCommand implements Callable<Integer> {

    @Option(names = "--space", required = true, description = "Search space of the data.")
    String space;

    @Option(names = "--format", defaultValue = "table", description = "Data format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--data", required = true, description = "The data to split.")
    Path data;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of architectures for test (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", defaultValue = "0", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out-dir", required = true, description = "Folder to write train and test into.")
    Path outDir;

    @picocli.CommandLine.Mixin
    GraphsOption graphs;

    @Override
    public Integer call() throws Exception {
        Session session = new Session();
        CurveDataset dataset = session.load(format, data, session.spaces.get(space), graphs.graphs);
        DatasetSplit split = DatasetSplit.of(dataset, 1 - testFraction, 0, seed);
        Files.createDirectories(outDir);
        if (format.equals(NasBenchNlpFormat.NAME)) {
            NasBenchNlpWriter.write(split.train(), outDir.resolve("train"));
            NasBenchNlpWriter.write(split.test(), outDir.resolve("test"));
        } else {
            CurveTableWriter.write(split.train(), outDir.resolve("train.jsonl.gz"));
            CurveTableWriter.write(split.test(), outDir.resolve("test.jsonl.gz"));
        }
        session.err.printf("train: %d architectures (%d runs); test: %d architectures (%d runs); written under %s%n",
                split.train().size(), split.train().runCount(), split.test().size(), split.test().runCount(), outDir);
        return 0;
    }
}
