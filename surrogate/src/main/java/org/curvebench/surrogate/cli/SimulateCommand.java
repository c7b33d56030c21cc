package org.curvebench.surrogate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.core.AtomicFile;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.encoding.nb201.Nb201Cell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench simulate}: writes the simulated benchmark as a curve table. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a SIMULATED NB201-space tabular benchmark (generated, not real data) as a curve table.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--archs", defaultValue = "2000", description = "Architectures (default: ${DEFAULT-VALUE}, at most 15625).")
    int archs;

    @Option(names = "--seeds", defaultValue = "4", description = "Seeds per architecture (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", defaultValue = "100", description = "Epochs per curve, at least 2 (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Table to write (.jsonl or .jsonl.gz; written whole or not at all).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int cells = (int) Math.pow(Nb201Cell.OPS.size(), Nb201Cell.EDGES);
        if (archs < 1 || archs > cells) {
            throw Session.usage(spec, "Invalid value for option '--archs': " + archs + "; it must be from 1 to "
                    + cells + " (the cells of the NB201 space)");
        }
        if (seeds < 1) {
            throw Session.usage(spec, "Invalid value for option '--seeds': " + seeds + "; it must be at least 1");
        }
        if (epochs < 2) {
            throw Session.usage(spec, "Invalid value for option '--epochs': " + epochs + "; it must be at least 2");
        }
        var sim = SimulatedNb201Benchmark.generate(archs, seeds, epochs, seed);
        AtomicFile.write(out, tmp -> {
            CurveTableWriter.write(sim.dataset(), tmp);
            return null;
        });
        System.err.printf("wrote %d simulated runs (%d architectures x %d seeds, %d epochs) to %s%n",
                sim.dataset().runCount(), archs, seeds, epochs, out);
        return 0;
    }
}
