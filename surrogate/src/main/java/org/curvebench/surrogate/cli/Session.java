package org.curvebench.surrogate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DatasetFormat;
import org.curvebench.datasets.DatasetFormats;
import org.curvebench.datasets.nb101.Nb101ResultsFormat;
import org.curvebench.datasets.nb301.Nb301ResultsFormat;
import org.curvebench.core.Progress;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SearchSpaces;
import org.curvebench.surrogate.SurrogateFiles;
import org.curvebench.core.Registry;
import org.curvebench.models.RegressorProvider;
import org.curvebench.noise.NoiseProvider;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What every command shares: the registries, the surrogate file codec, progress and message streams. */
final class Session {

    final SearchSpaces spaces = SearchSpaces.installed();
    final DatasetFormats formats = DatasetFormats.installed();
    final Registry<RegressorProvider> regressors = RegressorProvider.installed();
    final Registry<NoiseProvider> noiseModels = NoiseProvider.installed();
    final SurrogateFiles files = new SurrogateFiles(spaces, regressors, noiseModels);
    final Progress progress = TerminalProgress.forConsole();
    final PrintStream err = System.err;
    /** The command whose usage errors this session reports (exit code 2); null: they are reported as failures. */
    private final CommandLine commandLine;

    /** A session for commands that take no --space or --format (an unknown name would fail with exit code 1). */
    Session() {
        this(null);
    }

    /** A session whose unknown --space and --format names are usage errors of {@code spec}'s command (exit code 2). */
    Session(CommandSpec spec) {
        this.commandLine = spec == null ? null : spec.commandLine();
    }

    /** The search space named by {@code --space}. */
    SearchSpace space(String name) {
        if (commandLine == null) {
            return spaces.get(name);
        }
        List<String> known = spaces.all().stream().map(SearchSpace::name).toList();
        if (!known.contains(name)) {
            throw usage("Invalid value for option '--space': unknown search space '" + name + "'; known spaces: "
                    + String.join(", ", known));
        }
        return spaces.get(name);
    }

    /** The dataset format named by {@code --format}. */
    DatasetFormat format(String name) {
        if (commandLine == null) {
            return formats.get(name);
        }
        List<String> known = formats.all().stream().map(DatasetFormat::name).sorted().toList();
        if (!known.contains(name)) {
            throw usage("Invalid value for option '--format': unknown data format '" + name + "'; known formats: "
                    + String.join(", ", known));
        }
        return formats.get(name);
    }

    /** A usage error of this session's command: picocli prints it with the usage and exits with code 2. */
    RuntimeException usage(String message) {
        return commandLine == null ? new IllegalArgumentException(message) : new ParameterException(commandLine, message);
    }

    /** A usage error of {@code spec}'s command: picocli prints it with the usage and exits with code 2. */
    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Loads data and says in one line what was left out, with the first reasons. */
    CurveDataset load(String format, Path data, SearchSpace space) throws IOException {
        return load(format, data, space, null);
    }

    /** As {@link #load(String, Path, SearchSpace)}, with the graphs file of NAS-Bench-101 results when given. */
    CurveDataset load(String format, Path data, SearchSpace space, Path graphs) throws IOException {
        return load(format, data, space, graphs, null);
    }

    /**
     * As {@link #load(String, Path, SearchSpace, Path)}, padding NAS-Bench-301 curves to {@code padEpochs} when given;
     * the loader's notes (one-point runs, padding) are printed once each.
     */
    CurveDataset load(String format, Path data, SearchSpace space, Path graphs, Integer padEpochs) throws IOException {
        DatasetFormat reader = format(format);
        if (graphs != null) {
            if (!(reader instanceof Nb101ResultsFormat results)) {
                throw usage("--graphs applies to --format " + Nb101ResultsFormat.NAME + " only");
            }
            reader = results.withGraphs(graphs);
        }
        if (padEpochs != null) {
            if (!(reader instanceof Nb301ResultsFormat nb301)) {
                throw usage("--pad-epochs applies to --format " + Nb301ResultsFormat.NAME + " only");
            }
            if (padEpochs < 1) {
                throw usage("Invalid value for option '--pad-epochs': " + padEpochs + "; it must be at least 1");
            }
            reader = nb301.withPadding(padEpochs);
        }
        CurveDataset dataset = reader.read(data, space, progress);
        for (String note : dataset.notes()) {
            err.println("note: " + note);
        }
        if (!dataset.skipped().isEmpty()) {
            err.println("note: left out " + dataset.skipped().size() + " run(s) of " + data + "; first: "
                    + dataset.skipped().get(0));
        }
        return dataset;
    }
}
