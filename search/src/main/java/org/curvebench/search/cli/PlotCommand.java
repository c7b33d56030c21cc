package org.curvebench.search.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.curvebench.core.Progress;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DatasetFormats;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.plot.Charts;
import org.curvebench.search.plot.RegretCurves;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code curvebench plot}: PNG figures of searches and curves. */
@Command(name = "plot", mixinStandardHelpOptions = true, description = "Draw PNG figures.",
        subcommands = {PlotCommand.Regret.class, PlotCommand.Curves.class, CommandLine.HelpCommand.class})
public final class PlotCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a figure: regret or curves");
    }

    /** Figure size options shared by the figures. */
    static final class Size {
        @Option(names = "--width", defaultValue = "900", description = "Width in pixels (default: ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--height", defaultValue = "560", description = "Height in pixels (default: ${DEFAULT-VALUE}).")
        int height;

        void check(CommandSpec spec) {
            if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
                throw new ParameterException(spec.commandLine(), "--width and --height must be 100..10000 pixels");
            }
        }
    }

    @Command(name = "regret", mixinStandardHelpOptions = true,
            description = {"Regret against simulated seconds (log axis): mean and standard-error band per optimizer.",
                    "Reads any JSON Lines with \"seconds\" and \"regret\" (and optionally \"label\" or \"optimizer\", "
                            + "and \"trial\"), such as curvebench search writes."})
    static final class Regret implements Callable<Integer> {
        @Option(names = "--runs", required = true, paramLabel = "FILE", description = "A runs file; repeat for more.")
        List<Path> runs = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG to write.")
        Path out;

        @Option(names = "--points", defaultValue = "200", description = "Time points per line (default: ${DEFAULT-VALUE}).")
        int points;

        @CommandLine.Mixin
        Size size;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            size.check(spec);
            if (points < 2) {
                throw new ParameterException(spec.commandLine(), "--points must be at least 2");
            }
            RegretCurves curves = new RegretCurves();
            for (Path p : runs) {
                curves.read(p);
            }
            if (curves.isEmpty()) {
                throw new IllegalArgumentException("no runs in " + runs);
            }
            Charts.savePng(Charts.regret(curves.curves(points), size.width, size.height), out);
            System.err.println("wrote " + out);
            return 0;
        }
    }

    @Command(name = "curves", mixinStandardHelpOptions = true,
            description = "One architecture's surrogate mean curve, noisy seeds and, with --data, its real runs.")
    static final class Curves implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "FILE", description = "A surrogate file.")
        Path model;

        @Option(names = "--arch", required = true,
                description = "The architecture as JSON, or as its space's string form (nb201: |op~0|+|...|).")
        String arch;

        @Option(names = "--seeds", defaultValue = "5", description = "Noisy seeds to draw (default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--data", paramLabel = "FILE", description = "Real runs to draw where they include the architecture.")
        Path data;

        @Option(names = "--format", defaultValue = "table", description = "Format of --data (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG to write.")
        Path out;

        @CommandLine.Mixin
        Size size;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            size.check(spec);
            if (seeds < 0) {
                throw new ParameterException(spec.commandLine(), "--seeds must be at least 0");
            }
            CurveSurrogate surrogate = SurrogateFiles.installed().load(model);
            JsonNode node;
            try {
                node = new ObjectMapper().readTree(arch);
            } catch (IOException e) {
                node = new TextNode(arch);
            }
            if (node == null || node.isMissingNode()) {
                node = new TextNode(arch);
            }
            Architecture a = surrogate.space().parse(node);
            if (surrogate.observedEpochs() > 0) {
                throw new IllegalArgumentException("this surrogate needs observed first epochs; plot curves draws "
                        + "surrogates of the architecture alone");
            }
            List<double[]> noisy = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                noisy.add(surrogate.noisyCurve(a, s).toArray());
            }
            List<double[]> real = new ArrayList<>();
            if (data != null) {
                DatasetFormats formats = DatasetFormats.installed();
                if (formats.all().stream().noneMatch(f -> f.name().equals(format))) {
                    throw new ParameterException(spec.commandLine(), "unknown data format '" + format + "'");
                }
                CurveDataset dataset = formats.get(format).read(data, surrogate.space(), Progress.NONE);
                for (ArchitectureRuns runs : dataset.architectures()) {
                    if (runs.key().equals(a.canonicalKey())) {
                        for (TrainingRun r : runs.runs()) {
                            if (r.has(surrogate.metric())) {
                                real.add(r.curve(surrogate.metric()).toArray());
                            }
                        }
                    }
                }
                System.err.println(real.size() + " real run(s) of this architecture in " + data);
            }
            String title = a.canonicalKey().length() > 70 ? a.canonicalKey().substring(0, 67) + "..." : a.canonicalKey();
            Charts.savePng(Charts.curves(title, surrogate.metric(), surrogate.meanCurve(a).toArray(), noisy, real,
                    size.width, size.height), out);
            System.err.println("wrote " + out);
            return 0;
        }
    }
}
