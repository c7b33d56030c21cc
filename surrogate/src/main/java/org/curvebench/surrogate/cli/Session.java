package org.curvebench.surrogate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DatasetFormat;
import org.curvebench.datasets.DatasetFormats;
import org.curvebench.datasets.nb101.Nb101ResultsFormat;
import org.curvebench.core.Progress;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SearchSpaces;
import org.curvebench.surrogate.SurrogateFiles;
import org.curvebench.core.Registry;
import org.curvebench.models.RegressorProvider;
import org.curvebench.noise.NoiseProvider;

/** What every command shares: the registries, the surrogate file codec, progress and message streams. */
final class Session {

    final SearchSpaces spaces = SearchSpaces.installed();
    final DatasetFormats formats = DatasetFormats.installed();
    final Registry<RegressorProvider> regressors = RegressorProvider.installed();
    final Registry<NoiseProvider> noiseModels = NoiseProvider.installed();
    final SurrogateFiles files = new SurrogateFiles(spaces, regressors, noiseModels);
    final Progress progress = TerminalProgress.forConsole();
    final PrintStream err = System.err;

    /** Loads data and says in one line what was left out, with the first reasons. */
    CurveDataset load(String format, Path data, SearchSpace space) throws IOException {
        return load(format, data, space, null);
    }

    /** As {@link #load(String, Path, SearchSpace)}, with the graphs file of NAS-Bench-101 results when given. */
    CurveDataset load(String format, Path data, SearchSpace space, Path graphs) throws IOException {
        DatasetFormat reader = formats.get(format);
        if (graphs != null) {
            if (!(reader instanceof Nb101ResultsFormat results)) {
                throw new IllegalArgumentException("--graphs applies to --format " + Nb101ResultsFormat.NAME + " only");
            }
            reader = results.withGraphs(graphs);
        }
        CurveDataset dataset = reader.read(data, space, progress);
        if (!dataset.skipped().isEmpty()) {
            err.println("note: left out " + dataset.skipped().size() + " run(s) of " + data + "; first: "
                    + dataset.skipped().get(0));
        }
        return dataset;
    }

    /** The space of that name; an unknown name is a usage error listing the known ones. */
    SearchSpace space(String name, picocli.CommandLine.Model.CommandSpec spec) {
        try {
            return spaces.get(name);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--space: " + e.getMessage());
        }
    }
}
