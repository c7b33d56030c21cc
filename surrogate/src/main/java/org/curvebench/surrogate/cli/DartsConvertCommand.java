package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.table.TextFiles;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.darts.DartsForms;
import org.curvebench.encoding.darts.DartsSpace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench darts convert}: one JSON line per cell pair, in the form asked for, in input order. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert DARTS cell pairs to NASLib's compact form, a DARTS genotype string or a NAS-Bench-301 "
                + "configuration; prints one JSON line per cell pair, in input order.",
                "Input cells may be in any of the three forms; a line of a curve table ({\"arch\": ...}) is read by its "
                        + "arch. A configuration's training hyperparameters are kept in --to config."})
final class DartsConvertCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "FORM", description = "compact, genotype or config.")
    String to;

    /** Where the cells come from: one on the command line or a file of them. */
    static final class Source {
        @Option(names = "--arch", paramLabel = "CELL", description = "One cell pair (JSON, or a Genotype(...) string).")
        String arch;

        @Option(names = "--input", paramLabel = "FILE",
                description = "JSON Lines (plain or .gz), one cell pair or curve-table line per line.")
        Path input;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DartsSpace space = new DartsSpace();

    @Override
    public Integer call() throws Exception {
        if (!to.equals("compact") && !to.equals("genotype") && !to.equals("config")) {
            throw Session.usage(spec, "Invalid value for option '--to': '" + to + "'; use compact, genotype or config");
        }
        PrintStream out = System.out;
        if (source.arch != null) {
            try {
                out.println(convert(read(source.arch)));
            } catch (InvalidArchitectureException e) {
                throw Session.usage(spec, "--arch: " + e.getMessage());
            }
            return 0;
        }
        String name = source.input.toString();
        try (BufferedReader in = TextFiles.reader(source.input)) {
            long lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.println(convert(read(line)));
                } catch (InvalidArchitectureException e) {
                    out.flush();
                    throw new DataFormatException(name, lineNo, e.getMessage());
                }
            }
        }
        out.flush();
        return 0;
    }

    /** The cell pair in a line or option: JSON (the arch field of a table line), or a bare genotype string. */
    private static JsonNode read(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text.strip());
        }
        if (node == null || node.isMissingNode()) {
            return TextNode.valueOf(text.strip());
        }
        return node.isObject() && node.has("arch") ? node.get("arch") : node;
    }

    private String convert(JsonNode cell) throws JsonProcessingException {
        DartsForms.Config config = space.config(cell);
        JsonNode converted = switch (to) {
            case "compact" -> DartsForms.compact(config.architecture());
            case "genotype" -> TextNode.valueOf(DartsForms.genotype(config.architecture()));
            default -> DartsForms.config(config.architecture(), config.hyperparameters());
        };
        return JSON.writeValueAsString(converted);
    }
}
