package org.curvebench.surrogate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --graphs}: the NAS-Bench-101 graphs file that names the cell of each run of {@code --format nb101-results}. */
final class GraphsOption {

    @Option(names = "--graphs", description = "For --format nb101-results: graphs file {hash: [adjacency, ops]} "
            + "(default: graphs.json in the data folder or beside the zip).")
    Path graphs;
}
