package org.curvebench.surrogate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code curvebench space}: tools on search spaces themselves, without data. */
@Command(name = "space", mixinStandardHelpOptions = true,
        description = "Search space tools: count the architectures of a space small enough to enumerate.",
        subcommands = SpaceCountCommand.class)
final class SpaceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
