package org.curvebench.surrogate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code curvebench darts}: tools for DARTS cell pairs (NAS-Bench-301's space). */
@Command(name = "darts", mixinStandardHelpOptions = true,
        description = "DARTS-space tools: convert cell pairs between NASLib's compact form, DARTS genotypes and "
                + "NAS-Bench-301 configurations.",
        subcommands = {DartsConvertCommand.class})
final class DartsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
