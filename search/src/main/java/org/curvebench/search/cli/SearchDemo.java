package org.curvebench.search.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.curvebench.core.Progress;
import org.curvebench.core.Registry;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.encoding.Architecture;
import org.curvebench.search.Benchmark;
import org.curvebench.search.ConstantEpochTime;
import org.curvebench.search.OptimizerProvider;
import org.curvebench.search.OptimizerSpec;
import org.curvebench.search.Regret;
import org.curvebench.search.RegretSummary;
import org.curvebench.search.RunsFile;
import org.curvebench.search.Search;
import org.curvebench.search.SurrogateCurves;
import org.curvebench.search.Trajectory;
import org.curvebench.search.TrialRunner;
import org.curvebench.search.lce.LceMethod;
import org.curvebench.search.plot.Charts;
import org.curvebench.search.plot.RegretCurves;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.cli.DemoExtension;

/**
 * The demo's search part: 10 trials each of random search, regularised evolution with and without WPM
 * extrapolation and Hyperband on the demo surrogate, for the simulated time of 100 full trainings; writes the runs,
 * the regret figure and the curves figure of one held-out architecture.
 */
public final class SearchDemo implements DemoExtension {

    @Override
    public List<Path> run(CurveSurrogate surrogate, CurveDataset heldOut, Path outDir) throws IOException {
        Benchmark benchmark = new SurrogateCurves(surrogate, true);
        ConstantEpochTime time = ConstantEpochTime.forSpace(benchmark.space().name());
        double budget = 100 * time.secondsPerEpoch() * benchmark.epochs();
        Registry<OptimizerProvider> optimizers = OptimizerProvider.installed();
        LceMethod wpm = LceMethod.installed().get("wpm");
        List<OptimizerSpec> specs = List.of(OptimizerSpec.plain(optimizers.get("rs")),
                OptimizerSpec.plain(optimizers.get("re")),
                new OptimizerSpec(optimizers.get("re"), wpm, Math.max(1, benchmark.epochs() / 5),
                        SearchCommand.defaultTop(benchmark.space().name())),
                OptimizerSpec.plain(optimizers.get("hb")));
        List<Trajectory> runs = new Search(new TrialRunner(benchmark, time, budget),
                Math.max(1, (int) Math.round(benchmark.epochs() / 27.0)), 2).run(specs, 10, 0, Progress.NONE);
        Regret regret = Regret.score(benchmark, runs, 10_000, 0);
        System.out.printf("%nSearch on the surrogate (10 trials each, %.0f simulated seconds):%n", budget);
        System.out.print(RegretSummary.format(RegretSummary.of(runs, regret, budget), regret.reference()));
        List<Path> written = new ArrayList<>();
        Path runsFile = outDir.resolve("demo-search.jsonl");
        RunsFile.write(runsFile, runs, regret);
        written.add(runsFile);
        RegretCurves curves = new RegretCurves();
        curves.read(runsFile);
        Path regretPng = outDir.resolve("demo-regret.png");
        Charts.savePng(Charts.regret(curves.curves(200), 900, 560), regretPng);
        written.add(regretPng);
        if (heldOut.size() > 0) {
            ArchitectureRuns shown = heldOut.architectures().get(0);
            Architecture a = shown.architecture();
            List<double[]> seeds = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                seeds.add(surrogate.noisyCurve(a, s).toArray());
            }
            List<double[]> real = new ArrayList<>();
            shown.runs().forEach(r -> real.add(r.curve(surrogate.metric()).toArray()));
            Path curvesPng = outDir.resolve("demo-curves.png");
            Charts.savePng(Charts.curves("held-out " + a.canonicalKey() + " (its simulated runs dashed)", surrogate.metric(),
                    surrogate.meanCurve(a).toArray(), seeds, real, 900, 560), curvesPng);
            written.add(curvesPng);
        }
        return written;
    }
}
