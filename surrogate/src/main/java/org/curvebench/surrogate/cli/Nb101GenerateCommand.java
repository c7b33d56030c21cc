package org.curvebench.surrogate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.curvebench.core.AtomicFile;
import org.curvebench.datasets.nb101.Nb101SyntheticFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench nb101 generate}: a SYNTHETIC NAS-Bench-101 TFRecord file of realistic size. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a SYNTHETIC NAS-Bench-101 TFRecord file (made-up results, not real data) in the real "
                + "format: distinct valid cells from the whole space, 3 repeats per budget, plausible parameters, "
                + "times and accuracies, records about as large as the real ones.",
                "For measuring load time and memory: --cells 423624 is about the size of nasbench_only108.tfrecord "
                        + "(~500 MB). Drawing from the whole space takes about a minute to set up."})
final class Nb101GenerateCommand implements Callable<Integer> {

    @Option(names = "--cells", required = true,
            description = "Distinct cells, 1.." + Nb101SyntheticFile.MAX_CELLS + ".")
    int cells;

    @Option(names = "--budgets", split = ",", defaultValue = "108",
            description = "Budgets in epochs, comma-separated, e.g. 4,12,36,108 (default: ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(names = "--seed", defaultValue = "0", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "TFRecord file to write (written whole or not at all).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (cells < 1 || cells > Nb101SyntheticFile.MAX_CELLS) {
            throw Session.usage(spec, "Invalid value for option '--cells': " + cells + "; it must be from 1 to "
                    + Nb101SyntheticFile.MAX_CELLS + " (the cells of the NAS-Bench-101 space)");
        }
        if (budgets.isEmpty() || budgets.stream().anyMatch(b -> b < 1)) {
            throw Session.usage(spec, "Invalid value for option '--budgets': " + budgets + "; give positive epoch "
                    + "counts, e.g. 4,12,36,108");
        }
        Session session = new Session(spec);
        long records = AtomicFile.write(out, tmp -> Nb101SyntheticFile.write(tmp, cells, budgets, seed, session.progress));
        session.err.printf("wrote %d synthetic records (%d cells x %d budget(s) x %d repeats, %.1f MB) to %s%n",
                records, cells, budgets.size(), Nb101SyntheticFile.REPEATS, Files.size(out) / 1e6, out);
        return 0;
    }
}
