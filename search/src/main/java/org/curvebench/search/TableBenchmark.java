package org.curvebench.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.SearchSpace;

/**
 * Real runs replayed as a benchmark: only the table's architectures can be trained, a training with seed s gives
 * one of the architecture's runs chosen by s and the architecture, and the noise-free value is the mean over its runs. Curves
 * are cut to the shortest run's length. Lets optimizers be ranked on real data as on a surrogate.
 */
public final class TableBenchmark implements Benchmark {

    private final SearchSpace space;
    private final String metric;
    private final int epochs;
    private final Map<String, ArchitectureRuns> byKey = new LinkedHashMap<>();
    private final List<Architecture> architectures = new ArrayList<>();

    public TableBenchmark(CurveDataset data, String metric) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("the table has no architectures to search");
        }
        this.space = data.space();
        this.metric = metric;
        int shortest = Integer.MAX_VALUE;
        for (ArchitectureRuns a : data.architectures()) {
            for (var run : a.runs()) {
                shortest = Math.min(shortest, run.curve(metric).epochs());
            }
            byKey.put(a.key(), a);
            architectures.add(a.architecture());
        }
        this.epochs = shortest;
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public String metric() {
        return metric;
    }

    @Override
    public int epochs() {
        return epochs;
    }

    @Override
    public String description() {
        return "table of " + architectures.size() + " architectures of space " + space.name() + " (" + metric + ", "
                + epochs + " epochs)";
    }

    private ArchitectureRuns runs(Architecture architecture) {
        ArchitectureRuns runs = byKey.get(architecture.canonicalKey());
        if (runs == null) {
            throw new IllegalArgumentException("architecture " + architecture.canonicalKey() + " is not in the table");
        }
        return runs;
    }

    @Override
    public LearningCurve trainingCurve(Architecture architecture, long seed) {
        ArchitectureRuns runs = runs(architecture);
        long mixed = seed ^ (architecture.canonicalKey().hashCode() * 0x9E3779B97F4A7C15L);
        return runs.runs().get((int) Math.floorMod(mixed, (long) runs.seeds())).curve(metric).head(epochs);
    }

    @Override
    public double meanFinal(Architecture architecture) {
        ArchitectureRuns runs = runs(architecture);
        double sum = 0;
        for (var run : runs.runs()) {
            sum += run.curve(metric).get(epochs - 1);
        }
        return sum / runs.seeds();
    }

    @Override
    public Architecture sample(RandomGenerator random) {
        return architectures.get(random.nextInt(architectures.size()));
    }

    @Override
    public List<Architecture> neighbours(Architecture architecture) {
        return trainable(space.neighbours(architecture));
    }

    @Override
    public Optional<List<Architecture>> all() {
        return Optional.of(List.copyOf(architectures));
    }

    @Override
    public List<Architecture> trainable(List<Architecture> candidates) {
        List<Architecture> out = new ArrayList<>();
        for (Architecture a : candidates) {
            if (byKey.containsKey(a.canonicalKey())) {
                out.add(a);
            }
        }
        return out;
    }
}
