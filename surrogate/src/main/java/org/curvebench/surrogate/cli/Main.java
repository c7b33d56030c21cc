package org.curvebench.surrogate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.curvebench.datasets.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code curvebench} command line; modules built on this one add subcommands through {@link CommandProvider}. */
@Command(name = "curvebench", mixinStandardHelpOptions = true, version = "CurveBench 0.1.0",
        description = "Surrogate NAS benchmarks that return whole learning curves (NAS-Bench-x11 style).",
        subcommands = {DemoCommand.class, FitCommand.class, EvaluateCommand.class, QueryCommand.class, InfoCommand.class,
                SimulateCommand.class, SplitCommand.class, BenchmarkCommand.class, Nb101Command.class, SpaceCommand.class,
                OneShotCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * The same top-level command with only {@code query} under it. Picocli reads the annotations of every
     * subcommand when it builds a command line, which is a large part of a single query's start-up time; a
     * command line that starts with {@code query} never reaches the other subcommands, so it is parsed with this.
     */
    @Command(name = "curvebench", subcommands = QueryCommand.class)
    static final class QueryOnly {
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(String... args) {
        boolean query = args.length > 0 && "query".equals(args[0]);
        CommandLine cli = new CommandLine(query ? new QueryOnly() : new Main());
        if (!query) {
            for (CommandProvider provider : CommandProvider.installed()) {
                cli.addSubcommand(provider.command());
            }
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof IOException || cause instanceof IllegalArgumentException
                    || cause instanceof DataFormatException || cause instanceof IllegalStateException) {
                String message = cause.getMessage();
                if (cause instanceof java.nio.file.NoSuchFileException nsf) {
                    message = nsf.getFile() + ": " + (nsf.getReason() == null ? "no such file" : nsf.getReason());
                }
                commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": error: " + message);
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
