package org.curvebench.surrogate.cli;

import java.nio.file.Path;
import org.curvebench.core.AtomicFile;
import java.util.concurrent.Callable;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code curvebench fit}: fits a surrogate on the user's data and saves it. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a surrogate on learning curves and save it as one file.")
final class FitCommand implements Callable<Integer> {

    @Option(names = "--space", required = true, description = "Search space of the architectures (features, nb201, ...).")
    String space;

    @Option(names = "--format", defaultValue = "table", description = "Data format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--data", required = true, description = "The training data (file, folder or zip, per format).")
    Path data;

    @Option(names = "--out", required = true, description = "Surrogate file to write.")
    Path out;

    @Mixin
    FitOptions fit;

    @picocli.CommandLine.Mixin
    GraphsOption graphs;

    @picocli.CommandLine.Mixin
    PaddingOption padding;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec);
        SearchSpace s = session.space(space);
        session.format(format);
        var config = fit.config(session, s);
        AtomicFile.createParentFolders(out);
        AtomicFile.checkWritable(out);
        CurveDataset dataset = session.load(format, data, s, graphs.graphs, padding.padEpochs);
        config = fit.withMetrics(config, dataset);
        session.err.printf("loaded %d architectures, %d runs of %s from %s%n", dataset.size(), dataset.runCount(),
                config.otherMetrics().isEmpty() ? config.metric()
                        : config.metric() + " (and " + String.join(", ", config.otherMetrics()) + ")", data);
        long t0 = System.nanoTime();
        CurveSurrogate surrogate = new SurrogateTrainer(config, session.progress,
                w -> session.err.println("warning: " + w)).fit(dataset);
        double seconds = (System.nanoTime() - t0) / 1e9;
        session.files.save(surrogate, out);
        session.err.printf("fitted in %.1f s; saved %s (%d epochs, %d components)%n", seconds, out,
                surrogate.epochs(), surrogate.basis().components());
        if (!surrogate.otherMetrics().isEmpty()) {
            session.err.println("noise correlation measured on the training runs (drawn jointly):");
            double[][] c = surrogate.correlation().correlation();
            for (int i = 0; i < c.length; i++) {
                StringBuilder row = new StringBuilder(String.format(java.util.Locale.ROOT, "  %-14s",
                        surrogate.metrics().get(i)));
                for (double v : c[i]) {
                    row.append(String.format(java.util.Locale.ROOT, " %6.2f", v));
                }
                session.err.println(row);
            }
        }
        return 0;
    }
}
