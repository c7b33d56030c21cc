package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.zip.GZIPOutputStream;
import org.curvebench.core.AtomicFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.table.CurveTableFormat;
import org.curvebench.datasets.table.TextFiles;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.query.BatchQueries;
import org.curvebench.surrogate.query.OutputFormat;
import org.curvebench.surrogate.query.QueryDefaults;
import org.curvebench.surrogate.query.QueryException;
import org.curvebench.surrogate.query.QueryService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code curvebench query}: curves of one architecture, or of a stream of them, through the query service. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Print predicted curves as JSON {\"arch\", \"epochs\", \"curve\"} (with \"seed\" when one was given).",
                "--batch reads JSON Lines {\"arch\": ..., \"seed\": 3, \"observed\": [...]} (seed and observed optional; a "
                        + "line's seed asks for that training seed's noisy curve) and writes one output line per input "
                        + "line, in order."})
final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Surrogate file.")
    Path model;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--arch", description = "One architecture, as JSON or (nb201) a bare string.")
        String arch;

        @Option(names = "--batch", description = "JSON Lines file (plain or gzip) of {\"arch\": ...} objects.")
        Path batch;
    }

    @Option(names = "--space", paramLabel = "SPACE",
            description = "Space the architectures are written in (default: the surrogate's): a sub-space of it, such "
                    + "as 1shot1-3 for an nb101 surrogate, is answered as the surrogate's space writes it.")
    String space;

    @Option(names = "--observed", split = ",", paramLabel = "V",
            description = "The first observed epochs of the curve (v1,v2,...), for a surrogate fitted with "
                    + "--observed-epochs; batch lines may give their own as \"observed\": [...].")
    double[] observed = new double[0];

    @Option(names = "--metrics", paramLabel = "all|M1,M2,...",
            description = "Print the curves of these metrics of a multi-metric surrogate (one training run with "
                    + "--noise) as {\"arch\", \"epochs\", \"curves\": {\"m\": [...], ...}}; batch lines may give "
                    + "their own \"metrics\" (default: the primary metric's \"curve\" alone).")
    String metrics;

    @Option(names = "--noise", description = "Sample the noisy curve of training seed --seed instead of the mean "
            + "(batch lines with their own \"seed\" are always noisy).")
    boolean noise;

    @Option(names = "--seed", description = "Training seed of the noisy curve, with --noise (default: 0).")
    Long seed;

    @Option(names = "--uncertainty", description = "With --arch, for a surrogate fitted with --ensemble N: add "
            + "\"spread\", the members' standard deviation per epoch around the mean curve.")
    boolean uncertainty;

    @Option(names = "--precision", paramLabel = "N",
            description = "Decimals of the curve values (default: the shortest text that reads back as the same float, "
                    + "the precision the model has).")
    Integer precision;

    @Option(names = "--output-format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "jsonl (default) or npy: one float32 [N, epochs] NumPy array, rows in input order "
                    + "(held in memory until the input ends).")
    String outputFormat;

    @Option(names = "--out", description = "Write the output to this file (written whole or not at all) "
            + "instead of standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (seed != null && !noise) {
            throw new ParameterException(spec.commandLine(), "--seed " + seed + " asks for a noisy curve: add --noise "
                    + "(without it the mean curve is printed)");
        }
        OutputFormat format = switch (outputFormat) {
            case "jsonl" -> OutputFormat.JSONL;
            case "npy" -> OutputFormat.NPY;
            default -> throw new ParameterException(spec.commandLine(), "--output-format must be jsonl or npy, not '"
                    + outputFormat + "'");
        };
        if (precision != null && (precision < 0 || precision > 12)) {
            throw new ParameterException(spec.commandLine(), "--precision must be 0..12 decimals, got " + precision);
        }
        if (out != null) {
            refuseOverwrite(model, "--model");
            if (input.batch != null) {
                refuseOverwrite(input.batch, "--batch");
            }
            AtomicFile.checkWritable(out);
        }
        Session session = new Session(spec);
        CurveSurrogate surrogate = session.files.load(model);
        SearchSpace asked = space == null ? surrogate.space() : session.space(space);
        QueryService service;
        try {
            service = new QueryService(surrogate, asked);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--space: " + e.getMessage());
        }
        java.util.List<String> metricList = java.util.List.of();
        if (metrics != null) {
            com.fasterxml.jackson.databind.JsonNode node = metrics.equals("all")
                    ? ReportFormat.JSON.getNodeFactory().textNode("all")
                    : (com.fasterxml.jackson.databind.JsonNode) ReportFormat.JSON.valueToTree(
                            java.util.Arrays.stream(metrics.split(",")).map(String::strip).toArray(String[]::new));
            try {
                metricList = service.parseMetrics(node, 0);
            } catch (QueryException e) {
                throw new ParameterException(spec.commandLine(), "--metrics: " + e.getMessage());
            }
            if (format == OutputFormat.NPY) {
                throw new ParameterException(spec.commandLine(), "--metrics: npy output holds one curve per "
                        + "architecture; use --output-format jsonl");
            }
        }
        QueryDefaults defaults = new QueryDefaults(noise, seed == null ? 0 : seed, observed, metricList);
        BatchQueries batch = new BatchQueries(defaults, precision == null ? -1 : precision, format,
                Runtime.getRuntime().availableProcessors());
        if (uncertainty) {
            if (input.arch == null || noise || format != OutputFormat.JSONL) {
                throw new ParameterException(spec.commandLine(), "--uncertainty gives the spread of the mean curve of "
                        + "one --arch, as JSON: it does not go with --batch, --noise or --output-format npy");
            }
            String answer = withSpread(surrogate, input.arch);
            write(out, o -> o.write(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return 0;
        }
        if (input.arch != null) {
            String line = singleLine(asked, input.arch);
            write(out, o -> answer(service, batch, new BufferedReader(new StringReader(line)), "--arch", o));
            return 0;
        }
        write(out, o -> {
            try (BufferedReader in = TextFiles.reader(input.batch)) {
                answer(service, batch, in, input.batch.toString(), o);
            }
        });
        return 0;
    }

    /** The mean curve of --arch with the ensemble members' spread per epoch, as one JSON line. */
    private String withSpread(CurveSurrogate surrogate, String arch) {
        org.curvebench.encoding.Architecture a;
        try {
            a = CurveTableFormat.parseArchitecture(arch, surrogate.space());
        } catch (InvalidArchitectureException | DataFormatException e) {
            throw new ParameterException(spec.commandLine(), "--arch: " + e.getMessage());
        }
        double[] curve;
        double[] spread;
        try {
            curve = surrogate.meanCurve(a, observed).toArray();
            spread = surrogate.memberSpread(a, observed).toArray();
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--uncertainty: " + e.getMessage());
        } catch (org.curvebench.surrogate.ObservedEpochsException | InvalidArchitectureException e) {
            throw new ParameterException(spec.commandLine(), "--arch: " + e.getMessage());
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = ReportFormat.JSON.createObjectNode();
        o.set("arch", a.toJson());
        o.put("epochs", curve.length);
        com.fasterxml.jackson.databind.node.ArrayNode c = o.putArray("curve");
        com.fasterxml.jackson.databind.node.ArrayNode sp = o.putArray("spread");
        for (int e = 0; e < curve.length; e++) {
            add(c, curve[e]);
            add(sp, spread[e]);
        }
        return o + "\n";
    }

    /** A number as the other answers write it: a float's shortest form, or --precision decimals. */
    private void add(com.fasterxml.jackson.databind.node.ArrayNode array, double v) {
        if (precision == null) {
            array.add((float) v);
        } else {
            array.add(new java.math.BigDecimal(v).setScale(precision, java.math.RoundingMode.HALF_EVEN));
        }
    }

    /** The single architecture as a batch line; errors name --arch. */
    private String singleLine(SearchSpace asked, String arch) {
        try {
            JsonNode a = CurveTableFormat.parseArchitecture(arch, asked).toJson();
            return ReportFormat.JSON.createObjectNode().set("arch", a).toString();
        } catch (InvalidArchitectureException | DataFormatException e) {
            throw new ParameterException(spec.commandLine(), "--arch: " + e.getMessage());
        }
    }

    private static void answer(QueryService service, BatchQueries batch, BufferedReader in, String source, OutputStream o)
            throws IOException {
        try {
            batch.run(service, in, o);
        } catch (QueryException e) {
            String where = source.equals("--arch") ? "--arch" : source + ":" + e.index();
            if (e.field() != null && e.field().equals("observed")) {
                throw new DataFormatException(where + ": " + e.getMessage()
                        + (source.equals("--arch") ? " (--observed v1,v2,...)" : " (\"observed\": [...] or --observed)"));
            }
            throw new DataFormatException(where + ": " + e.describe());
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Runs {@code body} into standard output, or into {@code target} whole or not at all (gzip-compressed when its
     * name ends in {@code .gz}), with the permissions a new file gets.
     */
    private static void write(Path target, Body body) throws IOException {
        if (target == null) {
            OutputStream o = new BufferedOutputStream(System.out, 1 << 16);
            try {
                body.write(o);
            } finally {
                o.flush();
            }
            return;
        }
        boolean gzip = target.getFileName().toString().endsWith(".gz");
        AtomicFile.writeStream(target, o -> {
            if (gzip) {
                try (OutputStream gz = new GZIPOutputStream(o, 1 << 16)) {
                    body.write(gz);
                }
            } else {
                body.write(o);
            }
        });
    }

    private void refuseOverwrite(Path input, String flag) throws IOException {
        if (Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is the " + flag
                    + " file; write the output elsewhere");
        }
    }
}
