package org.curvebench.datasets;

import org.curvebench.core.LearningCurve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.curvebench.encoding.SearchSpace;

/**
 * Learning curves of many architectures of one space, several seeds of an architecture grouped under its
 * canonical key (in order of first appearance). Also carries what the loader left out, so that nothing is
 * dropped silently.
 */
public final class CurveDataset {

    private final SearchSpace space;
    private final List<ArchitectureRuns> architectures;
    private final List<String> skipped;
    private final List<String> notes;

    public CurveDataset(SearchSpace space, List<ArchitectureRuns> architectures, List<String> skipped) {
        this(space, architectures, skipped, List.of());
    }

    /** A dataset with notes on how the loader read the data (one-point runs, padding), each said once. */
    public CurveDataset(SearchSpace space, List<ArchitectureRuns> architectures, List<String> skipped,
                        List<String> notes) {
        this.space = space;
        this.architectures = List.copyOf(architectures);
        this.skipped = List.copyOf(skipped);
        this.notes = List.copyOf(notes);
    }

    /** Groups runs by their architecture's canonical key, keeping the order in which keys first appear. */
    public static CurveDataset fromRuns(SearchSpace space, List<TrainingRun> runs, List<String> skipped) {
        Map<String, List<TrainingRun>> groups = new LinkedHashMap<>();
        for (TrainingRun r : runs) {
            groups.computeIfAbsent(r.architecture().canonicalKey(), k -> new ArrayList<>()).add(r);
        }
        List<ArchitectureRuns> archs = new ArrayList<>(groups.size());
        for (List<TrainingRun> g : groups.values()) {
            archs.add(new ArchitectureRuns(g.get(0).architecture(), g));
        }
        return new CurveDataset(space, archs, skipped);
    }

    public SearchSpace space() {
        return space;
    }

    public List<ArchitectureRuns> architectures() {
        return architectures;
    }

    public int size() {
        return architectures.size();
    }

    public int runCount() {
        return architectures.stream().mapToInt(ArchitectureRuns::seeds).sum();
    }

    /** Messages about runs the loader left out (NaN, short curves, failed status), one per run. */
    public List<String> skipped() {
        return skipped;
    }

    /**
     * What the loader did to the data that the user should know, one line each (for example that runs without
     * learning curves became one-point curves, or that curves were padded); the CLI prints them with the load summary.
     */
    public List<String> notes() {
        return notes;
    }

    /** This dataset with {@code moreNotes} added to its notes. */
    public CurveDataset withNotes(List<String> moreNotes) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(moreNotes);
        return new CurveDataset(space, architectures, skipped, all);
    }

    /** Metrics present in every run ({@link Metrics#EPOCH_SECONDS} where every run recorded its epochs' seconds). */
    public Set<String> commonMetrics() {
        Set<String> common = null;
        for (ArchitectureRuns a : architectures) {
            for (TrainingRun r : a.runs()) {
                if (common == null) {
                    common = new TreeSet<>(r.metricNames());
                } else {
                    common.retainAll(r.metricNames());
                }
            }
        }
        return common == null ? Set.of() : common;
    }

    /**
     * The number of epochs of {@code metric}, checking that every run has the metric and the same length; the
     * error names the first architecture that differs.
     */
    public int epochs(String metric) {
        int n = -1;
        for (ArchitectureRuns a : architectures) {
            for (TrainingRun r : a.runs()) {
                if (!r.has(metric)) {
                    throw new IllegalArgumentException("metric '" + metric + "' is missing from the run of "
                            + a.key() + " (seed " + r.seed() + "); the data has " + commonMetrics());
                }
                int len = r.curve(metric).epochs();
                if (n < 0) {
                    n = len;
                } else if (len != n) {
                    throw new IllegalArgumentException("curves of '" + metric + "' differ in length: " + n + " and "
                            + len + " (" + a.key() + ", seed " + r.seed() + ")");
                }
            }
        }
        if (n < 0) {
            throw new IllegalArgumentException("the dataset is empty");
        }
        return n;
    }

    /** A dataset of the given architectures of this one (same space, no skipped list). */
    public CurveDataset subset(List<ArchitectureRuns> archs) {
        return new CurveDataset(space, archs, List.of());
    }

    /** SHA-256 over the space, keys, seeds and every metric value, in order: identifies the training data. */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(space.name().getBytes(StandardCharsets.UTF_8));
            ByteBuffer buf = ByteBuffer.allocate(8);
            for (ArchitectureRuns a : architectures) {
                md.update(a.key().getBytes(StandardCharsets.UTF_8));
                for (TrainingRun r : a.runs()) {
                    buf.clear();
                    buf.putLong(r.seed());
                    md.update(buf.array());
                    for (Map.Entry<String, LearningCurve> m : r.metrics().entrySet()) {
                        md.update(m.getKey().getBytes(StandardCharsets.UTF_8));
                        for (double v : m.getValue().toArray()) {
                            buf.clear();
                            buf.putDouble(v);
                            md.update(buf.array());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
