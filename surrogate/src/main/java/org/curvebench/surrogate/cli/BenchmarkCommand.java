package org.curvebench.surrogate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.curvebench.core.ModelInput;
import org.curvebench.core.ModelInputs;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DatasetSplit;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateTrainer;
import org.curvebench.surrogate.eval.CurveFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code curvebench benchmark}: fit time, single-query latency and batch throughput, measured the way
 * {@code ../shared/anchors/x11_curves_reference.py} measures the NAS-Bench-x11 recipe (80/10/10 split by
 * architecture; mean-curve accuracy on the last 10%).
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure fit seconds, single mean-curve query microseconds and batch curves per second.",
                "Uses --data (a curve table) or, without it, a simulated NB201-space benchmark."})
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--space", defaultValue = "nb201", description = "Space of --data (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(names = "--format", defaultValue = "table", description = "Format of --data (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--data", description = "Curve data; default: simulated.")
    Path data;

    @Option(names = "--archs", defaultValue = "15625", description = "Simulated architectures (default: ${DEFAULT-VALUE}).")
    int archs;

    @Option(names = "--epochs", defaultValue = "100", description = "Simulated epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--queries", defaultValue = "200000", description = "Timed single queries (default: ${DEFAULT-VALUE}).")
    int queries;

    @Mixin
    FitOptions fit;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Receives every timed result, so that the JIT cannot drop the work being measured. */
    private volatile double blackhole;

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec);
        CurveDataset dataset = data != null ? session.load(format, data, session.spaces.get(space))
                : SimulatedNb201Benchmark.generate(archs, 1, epochs, fit.seed).dataset();
        var config = fit.withMetrics(fit.config(session, dataset.space()), dataset);
        DatasetSplit split = DatasetSplit.of(dataset, 0.8, 0.1, fit.seed);
        long t0 = System.nanoTime();
        CurveSurrogate s = new SurrogateTrainer(config, session.progress, w -> session.err.println("warning: " + w))
                .fit(split.train());
        double fitSeconds = (System.nanoTime() - t0) / 1e9;

        List<ArchitectureRuns> test = split.test().architectures();
        List<ModelInput> x = new java.util.ArrayList<>();
        double[][] truth = new double[test.size()][];
        double[][] predicted = new double[test.size()][s.epochs()];
        for (int i = 0; i < truth.length; i++) {
            x.add(s.input(test.get(i).architecture()));
            truth[i] = test.get(i).meanCurve(config.metric()).toArray();
            s.meanCurve(x.get(i), predicted[i]);
        }
        CurveFit accuracy = CurveFit.of(truth, predicted);

        var arch = test.get(0).architecture();
        double sink = 0;
        for (int i = 0; i < Math.max(20_000, queries / 10); i++) {
            sink += s.meanCurve(arch).last();
        }
        long q0 = System.nanoTime();
        for (int i = 0; i < queries; i++) {
            sink += s.meanCurve(arch).last();
        }
        double queryMicros = (System.nanoTime() - q0) / 1e3 / queries;

        int batch = Math.max(50_000, x.size());
        List<ModelInput> repeated = new java.util.ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            repeated.add(x.get(i % x.size()));
        }
        ModelInputs rows = ModelInputs.of(repeated);
        double[] curves = new double[batch * s.epochs()];
        for (int warm = 0; warm < 5; warm++) {
            s.meanCurves(rows, curves);
        }
        long b0 = System.nanoTime();
        int repeats = 10;
        for (int rep = 0; rep < repeats; rep++) {
            s.meanCurves(rows, curves);
            sink += curves[rep];
        }
        double curvesPerSecond = (double) batch * repeats / ((System.nanoTime() - b0) / 1e9);

        ObjectNode o = ReportFormat.JSON.createObjectNode();
        o.put("data", data != null ? data.toString() : "simulated nb201, " + archs + " architectures x 1 seed");
        o.put("train", split.train().size());
        o.put("test", test.size());
        o.put("epochs", s.epochs());
        o.put("avg_r2", accuracy.avgR2());
        o.put("final_r2", accuracy.finalR2());
        o.put("avg_kt", accuracy.avgKt());
        o.put("final_kt", accuracy.finalKt());
        o.put("fit_s", fitSeconds);
        o.put("query_us", queryMicros);
        o.put("batch_curves_per_s", curvesPerSecond);
        o.put("regressor", s.manifest().regressor().name());
        o.set("fitted", ReportFormat.JSON.valueToTree(s.regressor().provenance()));
        blackhole = sink;
        System.out.println(o);
        return 0;
    }
}
