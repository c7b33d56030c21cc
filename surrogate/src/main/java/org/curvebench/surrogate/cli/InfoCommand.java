package org.curvebench.surrogate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code curvebench info}: what a surrogate file holds and how it was made. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print a surrogate file's manifest as JSON: space, encoder, metric, epochs, every learner's name, "
                + "settings and what fitting chose, and the training data's digest and size."})
final class InfoCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Surrogate file.")
    Path model;

    @Override
    public Integer call() throws Exception {
        var manifest = new Session().files.manifest(model);
        System.out.println(ReportFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        return 0;
    }
}
