package org.curvebench.surrogate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code curvebench nb101}: NAS-Bench-101 tools (module hashes, tabular queries, synthetic files, load benchmark). */
@Command(name = "nb101", mixinStandardHelpOptions = true,
        description = "NAS-Bench-101 tools: module hashes of cells, queries of the tabular TFRecord file, "
                + "synthetic files of realistic size and a load benchmark.",
        subcommands = {Nb101HashCommand.class, Nb101QueryCommand.class, Nb101GenerateCommand.class,
                Nb101LoadBenchmarkCommand.class})
final class Nb101Command implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
