package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.core.AtomicFile;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.table.CurveTableFormat;
import org.curvebench.datasets.table.JsonLines;
import org.curvebench.datasets.table.TextFiles;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.surrogate.CurveSurrogate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code curvebench query}: curves of one architecture, or of a stream of them. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Print predicted curves as JSON {\"arch\", \"epochs\", \"curve\"}.",
                "--batch streams JSON Lines {\"arch\": ...} (optionally with \"seed\") to one output line each, in order."})
final class QueryCommand implements Callable<Integer> {

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

    @Option(names = "--observed", split = ",", paramLabel = "V",
            description = "The first observed epochs of the curve (v1,v2,...), for a surrogate fitted with "
                    + "--observed-epochs; batch lines give them as \"observed\": [...].")
    double[] observed = new double[0];

    @Option(names = "--noise", description = "Sample a noisy curve of one training seed instead of the mean.")
    boolean noise;

    @Option(names = "--seed", defaultValue = "0", description = "Training seed of the noisy curve (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Write the batch output to this file (written whole or not at all) "
            + "instead of standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Session session = new Session();
        CurveSurrogate surrogate = session.files.load(model);
        if (input.arch != null) {
            Architecture a = CurveTableFormat.parseArchitecture(input.arch, surrogate.space());
            Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            writeLine(w, a, noise ? surrogate.noisyCurve(a, observed, seed) : surrogate.meanCurve(a, observed));
            w.flush();
            return 0;
        }
        if (out == null) {
            Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            batch(surrogate, w);
            w.flush();
            return 0;
        }
        AtomicFile.write(out, tmp -> {
            try (Writer w = TextFiles.writer(tmp)) {
                batch(surrogate, w);
            }
            return null;
        });
        return 0;
    }

    private void batch(CurveSurrogate surrogate, Writer w) throws IOException {
        String source = input.batch.toString();
        try (BufferedReader in = TextFiles.reader(input.batch)) {
            JsonLines.forEach(in, source, (node, lineNo) -> {
                if (node == null || !node.isObject() || !node.has("arch")) {
                    throw new DataFormatException(source, lineNo, "expected an object {\"arch\": ...}");
                }
                Architecture a;
                try {
                    a = surrogate.space().parse(node.get("arch"));
                } catch (InvalidArchitectureException e) {
                    throw new DataFormatException(source, lineNo, "field 'arch': " + e.getMessage());
                }
                long s = node.has("seed") ? node.get("seed").asLong() : seed;
                double[] seen = observed(node, source, lineNo);
                try {
                    writeLine(w, a, noise ? surrogate.noisyCurve(a, seen, s) : surrogate.meanCurve(a, seen));
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(source, lineNo, e.getMessage());
                }
            });
        }
    }

    /** The line's "observed" values, or --observed when the line has none. */
    private double[] observed(JsonNode node, String source, long lineNo) {
        JsonNode o = node.get("observed");
        if (o == null || o.isNull()) {
            return observed;
        }
        if (!o.isArray()) {
            throw new DataFormatException(source, lineNo, "field 'observed' must be an array of numbers");
        }
        double[] v = new double[o.size()];
        for (int i = 0; i < v.length; i++) {
            if (!o.get(i).isNumber()) {
                throw new DataFormatException(source, lineNo, "field 'observed' element " + i + " is not a number");
            }
            v[i] = o.get(i).asDouble();
        }
        return v;
    }

    private static void writeLine(Writer w, Architecture a, LearningCurve curve) throws IOException {
        try (JsonGenerator g = ReportFormat.JSON.getFactory().createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeFieldName("arch");
            ReportFormat.JSON.writeTree(g, a.toJson());
            g.writeNumberField("epochs", curve.epochs());
            g.writeArrayFieldStart("curve");
            for (int e = 0; e < curve.epochs(); e++) {
                g.writeNumber(curve.get(e));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        w.write('\n');
    }
}
