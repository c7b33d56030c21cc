package org.curvebench.surrogate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.core.AtomicFile;
import org.curvebench.datasets.simulated.SimulatedBenchmark;
import org.curvebench.datasets.simulated.SimulatedDartsBenchmark;
import org.curvebench.datasets.simulated.SimulatedNb101Benchmark;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.encoding.nb201.Nb201Cell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench simulate}: writes the simulated benchmark as a curve table. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a SIMULATED NB201-, NB101- or DARTS-space tabular benchmark (generated, not real data) as a curve table.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--space", defaultValue = "nb201",
            description = "Simulated space: nb201, nb101 or darts (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(names = "--archs", defaultValue = "2000",
            description = "Architectures (default: ${DEFAULT-VALUE}; at most 15625 for nb201, 50000 for nb101, 100000 for darts).")
    int archs;

    @Option(names = "--seeds", defaultValue = "4", description = "Seeds per architecture (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", description = "Epochs per curve, at least 2 (default: 100 for nb201 and nb101, 98 for darts).")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Table to write (.jsonl or .jsonl.gz; written whole or not at all).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int cells = switch (space) {
            case "nb201" -> Nb201Cell.CELLS;
            case "nb101" -> SimulatedNb101Benchmark.MAX_ARCHITECTURES;
            case "darts" -> SimulatedDartsBenchmark.MAX_ARCHITECTURES;
            default -> throw Session.usage(spec, "Invalid value for option '--space': simulated data exist for the "
                    + "spaces nb201, nb101 and darts, not '" + space + "'");
        };
        boolean darts = space.equals("darts");
        if (archs < 1 || archs > cells) {
            throw Session.usage(spec, "Invalid value for option '--archs': " + archs + "; it must be from 1 to "
                    + cells + (space.equals("nb201") ? " (the cells of the NB201 space)"
                    : " for the simulated " + label(space) + " space"));
        }
        int epochs = this.epochs != null ? this.epochs : darts ? SimulatedDartsBenchmark.DEFAULT_EPOCHS : 100;
        if (seeds < 1) {
            throw Session.usage(spec, "Invalid value for option '--seeds': " + seeds + "; it must be at least 1");
        }
        if (epochs < 2) {
            throw Session.usage(spec, "Invalid value for option '--epochs': " + epochs + "; it must be at least 2");
        }
        SimulatedBenchmark sim = switch (space) {
            case "darts" -> SimulatedDartsBenchmark.generate(archs, seeds, epochs, seed);
            case "nb101" -> SimulatedNb101Benchmark.generate(archs, seeds, epochs, seed);
            default -> SimulatedNb201Benchmark.generate(archs, seeds, epochs, seed);
        };
        AtomicFile.write(out, tmp -> {
            CurveTableWriter.write(sim.dataset(), tmp);
            return null;
        });
        System.err.printf("wrote %d SIMULATED %s-space runs (%d architectures x %d seeds, %d epochs; generated, not "
                + "real results) to %s%n", sim.dataset().runCount(), label(space), archs, seeds, epochs, out);
        return 0;
    }

    private static String label(String space) {
        return space.equals("darts") ? "DARTS" : space.toUpperCase(java.util.Locale.ROOT);
    }
}
