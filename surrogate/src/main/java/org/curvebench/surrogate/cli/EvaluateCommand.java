package org.curvebench.surrogate.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.curvebench.core.AtomicFile;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.eval.EvaluationReport;
import org.curvebench.surrogate.eval.Evaluator;
import org.curvebench.surrogate.eval.TotalTimeFit;
import org.curvebench.datasets.Metrics;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.curvebench.surrogate.eval.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench evaluate}: measures a surrogate against held-out tabular data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a surrogate on held-out data: R2 and Kendall tau, the k-seed tabular comparison, noise KL.",
                "A multi-metric surrogate is evaluated on every metric (under \"metrics\" in --json), and one with "
                        + "epoch_seconds on the total training time of each architecture (\"total_time\")."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Surrogate file.")
    Path model;

    @Option(names = "--format", defaultValue = "table", description = "Data format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--data", required = true, description = "Held-out data.")
    Path data;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write one self-contained HTML page with the table and figures (inline SVG).")
    Path report;

    @picocli.CommandLine.Mixin
    GraphsOption graphs;

    @picocli.CommandLine.Mixin
    PaddingOption padding;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec);
        session.format(format);
        CurveSurrogate surrogate = session.files.load(model);
        CurveDataset test = session.load(format, data, surrogate.space(), graphs.graphs, padding.padEpochs);
        if (test.digest().equals(surrogate.manifest().trainingDigest())) {
            session.err.println("warning: " + data + " is the data " + model + " was fitted on: these are its "
                    + "training architectures, so the figures below are optimistic; evaluate on held-out data "
                    + "(see 'curvebench split')");
        }
        if (this.report != null) {
            AtomicFile.checkWritable(this.report);
        }
        Evaluator evaluator = new Evaluator(session.progress);
        EvaluationReport report = evaluator.evaluate(surrogate, test);
        if (surrogate.otherMetrics().isEmpty()) {
            System.out.print(json ? ReportFormat.json(report) + "\n" : ReportFormat.table(report));
        } else {
            Map<String, EvaluationReport> others = new LinkedHashMap<>();
            for (String m : surrogate.metrics().subList(1, surrogate.metrics().size())) {
                others.put(m, evaluator.evaluate(surrogate.forMetric(m), test));
            }
            TotalTimeFit time = surrogate.metrics().contains(Metrics.EPOCH_SECONDS)
                    ? TotalTimeFit.of(surrogate.forMetric(Metrics.EPOCH_SECONDS), test) : null;
            if (json) {
                ObjectNode o = ReportFormat.json(report);
                ObjectNode per = o.putObject("metrics");
                others.forEach((m, r) -> per.set(m, ReportFormat.json(r)));
                if (time != null) {
                    o.set("total_time", ReportFormat.json(time));
                }
                System.out.print(o + "\n");
            } else {
                StringBuilder sb = new StringBuilder(ReportFormat.table(report));
                others.values().forEach(r -> sb.append('\n').append(ReportFormat.table(r)));
                if (time != null) {
                    sb.append('\n').append(ReportFormat.table(time));
                }
                System.out.print(sb);
            }
        }
        if (this.report != null) {
            byte[] page = HtmlReport.page(surrogate, test, ReportFormat.table(report)).getBytes(StandardCharsets.UTF_8);
            AtomicFile.writeStream(this.report, out -> out.write(page));
            session.err.println("wrote " + this.report);
        }
        return 0;
    }
}
