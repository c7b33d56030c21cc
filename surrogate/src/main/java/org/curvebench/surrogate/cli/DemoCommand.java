package org.curvebench.surrogate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.DatasetSplit;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.simulated.SimulatedBenchmark;
import org.curvebench.datasets.simulated.SimulatedDartsBenchmark;
import org.curvebench.datasets.simulated.SimulatedNb101Benchmark;
import org.curvebench.datasets.simulated.SimulatedNb201Benchmark;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateTrainer;
import org.curvebench.surrogate.eval.EvaluationReport;
import org.curvebench.surrogate.eval.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code curvebench demo}: the whole pipeline on the embedded simulated benchmark. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Fit, evaluate and query a surrogate of an embedded SIMULATED benchmark (nb201, nb101 or darts space).",
                "Writes the surrogate, a JSON report and the simulated train/test tables under --out-dir."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--space", defaultValue = "nb201", description = "Simulated space: nb201, nb101 or darts (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(names = "--archs", defaultValue = "2000", description = "Simulated architectures (default: ${DEFAULT-VALUE}).")
    int archs;

    @Option(names = "--seeds", defaultValue = "4", description = "Seeds per architecture (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", description = "Epochs per curve (default: 100; 98 for darts, as NB311).")
    Integer epochs;

    @Option(names = "--out-dir", defaultValue = "curvebench-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Mixin
    FitOptions fit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Session session = new Session();
        int epochs = this.epochs != null ? this.epochs : space.equals("darts") ? SimulatedDartsBenchmark.DEFAULT_EPOCHS : 100;
        SimulatedBenchmark sim = switch (space) {
            case "nb201" -> SimulatedNb201Benchmark.generate(archs, seeds, epochs, fit.seed);
            case "nb101" -> SimulatedNb101Benchmark.generate(archs, seeds, epochs, fit.seed);
            case "darts" -> SimulatedDartsBenchmark.generate(archs, seeds, epochs, fit.seed);
            default -> throw Session.usage(spec, "Invalid value for option '--space': the demo has simulated data "
                    + "for the spaces nb201, nb101 and darts, not '" + space + "'");
        };
        String label = space.toUpperCase(java.util.Locale.ROOT);
        System.out.printf("CurveBench demo on SIMULATED data: a generated %s-space benchmark of %d architectures x %d "
                + "seeds x %d epochs (not real %s results)%n", label, archs, seeds, epochs,
                switch (space) {
                    case "nb201" -> "NAS-Bench-201";
                    case "nb101" -> "NAS-Bench-101";
                    default -> "NAS-Bench-301";
                });
        DatasetSplit split = DatasetSplit.of(sim.dataset(), 0.9, 0, fit.seed);
        Files.createDirectories(outDir);
        CurveTableWriter.write(split.train(), outDir.resolve("simulated-" + space + "-train.jsonl.gz"));
        CurveTableWriter.write(split.test(), outDir.resolve("simulated-" + space + "-test.jsonl.gz"));

        long t0 = System.nanoTime();
        CurveSurrogate surrogate = new SurrogateTrainer(fit.withMetrics(fit.config(session, sim.dataset().space()),
                sim.dataset()), session.progress,
                w -> session.err.println("warning: " + w)).fit(split.train());
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "fitted on %d architectures in %.1f s (%d SVD components, %s compression, %s noise)%n%n",
                split.train().size(), fitSeconds, surrogate.basis().components(),
                surrogate.manifest().centred() ? "centred" : "x11", surrogate.manifest().noise().name());
        Path model = outDir.resolve("demo-" + space + ".cbs");
        session.files.save(surrogate, model);

        EvaluationReport report = new Evaluator(session.progress).evaluate(surrogate, split.test());
        System.out.println(ReportFormat.table(report));

        List<ArchitectureRuns> shown = split.test().architectures().subList(0, Math.min(3, split.test().size()));
        int[] at = {0, epochs / 10, epochs / 4, epochs / 2, epochs - 1};
        System.out.print("Queried curves (val_acc at epochs");
        for (int e : at) {
            System.out.print(" " + (e + 1));
        }
        System.out.println("):");
        for (ArchitectureRuns a : shown) {
            System.out.println("  " + a.architecture().toJson());
            printRow("simulated truth (mean)", LearningCurve.of(sim.trueMean(a.key())), at);
            printRow("surrogate mean", surrogate.meanCurve(a.architecture()), at);
            printRow("surrogate seed 0", surrogate.noisyCurve(a.architecture(), 0), at);
            printRow("simulated run seed 0", a.runs().get(0).curve("val_acc"), at);
        }
        var json = ReportFormat.json(report);
        json.put("data", "simulated " + label + "-space benchmark (generated by CurveBench, not real results)");
        json.put("fit_seconds", fitSeconds);
        json.put("surrogate_file", model.toString());
        Path reportPath = outDir.resolve("demo-report.json");
        ReportFormat.JSON.writerWithDefaultPrettyPrinter().writeValue(reportPath.toFile(), json);
        System.out.printf("%nwrote %s, %s and the simulated tables under %s%n", model, reportPath, outDir);
        for (DemoExtension extension : DemoExtension.installed()) {
            for (Path written : extension.run(surrogate, split.test(), outDir)) {
                System.out.println("wrote " + written);
            }
        }
        return 0;
    }

    private static void printRow(String name, LearningCurve c, int[] at) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "    %-24s", name));
        for (int e : at) {
            sb.append(String.format(Locale.ROOT, " %7.2f", c.get(e)));
        }
        System.out.println(sb);
    }
}
