package org.curvebench.surrogate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code curvebench oneshot}: NAS-Bench-1Shot1 tools for one-shot (weight-sharing) NAS runs. */
@Command(name = "oneshot", mixinStandardHelpOptions = true,
        description = "NAS-Bench-1Shot1 tools: anytime evaluation of a one-shot NAS run's trajectory on the "
                + "1shot1-1, 1shot1-2 and 1shot1-3 spaces.",
        subcommands = OneShotEvaluateCommand.class)
final class OneShotCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
