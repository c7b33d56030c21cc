package org.curvebench.surrogate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.core.AtomicFile;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code curvebench simulate}: writes the simulated benchmark as a curve table. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a SIMULATED NB201-space tabular benchmark (generated, not real data) as a curve table.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--archs", defaultValue = "2000", description = "Architectures (default: ${DEFAULT-VALUE}, at most 15625).")
    int archs;

    @Option(names = "--seeds", defaultValue = "4", description = "Seeds per architecture (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", defaultValue = "100", description = "Epochs per curve (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Table to write (.jsonl or .jsonl.gz; written whole or not at all).")
    Path out;

    @Override
    public Integer call() throws Exception {
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
