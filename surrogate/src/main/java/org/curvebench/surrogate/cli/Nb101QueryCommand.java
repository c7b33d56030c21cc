package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.datasets.nb101.Nb101Dataset;
import org.curvebench.datasets.table.CurveTableFormat;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.SubSpace;
import org.curvebench.encoding.nb101.Nb101Cell;
import org.curvebench.encoding.nb101.Nb101Space;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench nb101 query}: one cell's tabular results, like the NAS-Bench-101 API's get_metrics_from_spec. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Print a cell's NAS-Bench-101 results as JSON: the fixed statistics (module_hash, "
                + "module_adjacency, module_operations, trainable_parameters) and each repeat's halfway and final "
                + "training time and train/validation/test accuracy (computed_stats), like the API's "
                + "get_metrics_from_spec.",
                "The cell is pruned and hashed first, so any isomorphic form of it is found. --arch with --space "
                        + "1shot1-N looks up the cell a NAS-Bench-1Shot1 configuration builds."})
final class Nb101QueryCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true,
            description = "NAS-Bench-101 TFRecord file (nasbench_only108.tfrecord, nasbench_full.tfrecord).")
    Path dataset;

    @Option(names = "--adjacency",
            description = "Adjacency matrix as JSON, e.g. '[[0,1,1],[0,0,1],[0,0,0]]' (with --ops).")
    String adjacency;

    @Option(names = "--ops", split = ",",
            description = "Operations, comma-separated: names (input,conv3x3-bn-relu,...,output) or labels (-1,0,...,-2).")
    String[] ops;

    @Option(names = "--arch", paramLabel = "JSON",
            description = "The cell as JSON in the form of --space, instead of --adjacency and --ops.")
    String arch;

    @Option(names = "--space", defaultValue = "nb101", paramLabel = "SPACE",
            description = "Space of --arch: nb101 (default) or a sub-space of it such as 1shot1-3, whose "
                    + "configurations are looked up as the NAS-Bench-101 cells they build.")
    String space;

    @Option(names = "--epochs", defaultValue = "108",
            description = "Budget in epochs: 108 in nasbench_only108; 4, 12, 36 or 108 in the full file "
                    + "(default: ${DEFAULT-VALUE}).")
    int epochs;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw Session.usage(commandSpec, "Invalid value for option '--epochs': " + epochs + "; give a budget in "
                    + "epochs (4, 12, 36 or 108 in NAS-Bench-101's files)");
        }
        Session session = new Session(commandSpec);
        Nb101Cell cell = arch == null ? cellOfMatrix() : cellOfArch(session.space(space));
        Nb101Dataset data = Nb101Dataset.load(dataset, session.progress);
        System.out.println(ReportFormat.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(data.query(cell, epochs).toJson()));
        return 0;
    }

    private Nb101Cell cellOfMatrix() {
        if (adjacency == null || ops == null) {
            throw Session.usage(commandSpec, "Give the cell as --adjacency and --ops, or as --arch (with --space)");
        }
        if (!space.equals(Nb101Space.NAME)) {
            throw Session.usage(commandSpec, "--space " + space + " applies to --arch; --adjacency and --ops give "
                    + "an nb101 cell");
        }
        try {
            return new Nb101Space().parse(spec());
        } catch (InvalidArchitectureException e) {
            throw Session.usage(commandSpec, "Invalid cell in options '--adjacency' and '--ops': " + e.getMessage());
        }
    }

    /** The cell of --arch: an nb101 cell, or the cell a sub-space's architecture builds. */
    private Nb101Cell cellOfArch(SearchSpace of) {
        if (adjacency != null || ops != null) {
            throw Session.usage(commandSpec, "--arch gives the whole cell; leave out --adjacency and --ops");
        }
        boolean sub = of instanceof SubSpace s && s.parentSpace().equals(Nb101Space.NAME);
        if (!sub && !of.name().equals(Nb101Space.NAME)) {
            throw Session.usage(commandSpec, "Invalid value for option '--space': " + of.name() + " is neither nb101 "
                    + "nor a sub-space of it");
        }
        Architecture a;
        try {
            a = CurveTableFormat.parseArchitecture(arch, of);
        } catch (InvalidArchitectureException e) {
            throw Session.usage(commandSpec, "Invalid value for option '--arch': " + e.getMessage());
        }
        return (Nb101Cell) (sub ? ((SubSpace) of).inParent(a) : a);
    }

    /** The cell as the space parses it: {"adjacency": ..., "ops": [...]}, labels kept as numbers. */
    private ObjectNode spec() {
        JsonNode matrix;
        try {
            matrix = ReportFormat.JSON.readTree(adjacency);
        } catch (JsonProcessingException e) {
            throw Session.usage(commandSpec, "Invalid value for option '--adjacency': not valid JSON ("
                    + e.getOriginalMessage() + "); write it as '[[0,1,...],...]'");
        }
        ObjectNode node = ReportFormat.JSON.createObjectNode();
        node.set("adjacency", matrix);
        ArrayNode list = node.putArray("ops");
        for (String op : ops) {
            String o = op.strip();
            if (o.matches("-?\\d+")) {
                list.add(Integer.parseInt(o));
            } else {
                list.add(o);
            }
        }
        return node;
    }
}
