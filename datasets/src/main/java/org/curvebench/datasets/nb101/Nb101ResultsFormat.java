package org.curvebench.datasets.nb101;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.curvebench.datasets.CompressedStreams;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.DatasetFormat;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.Metrics;
import org.curvebench.core.Progress;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;
import org.curvebench.encoding.nb101.Nb101Cell;

/**
 * Runs in NAS-Bench-101's training-code layout, {@code .../<hash>/repeat_<n>/results.json}, in a directory tree or
 * a zip file. Each {@code results.json} lists {@code evaluation_results} of {@code {epochs, training_time,
 * train_accuracy, validation_accuracy, test_accuracy}}; a run's metrics {@code train_acc}, {@code val_acc} and
 * {@code test_acc} are those accuracies at the evaluation points, kept as NAS-Bench-101's fractions 0..1, its
 * seed is the repeat number, and its {@code epoch_seconds} are the training-time deltas between evaluations divided
 * by the epochs between them (the first entry is 0 for an evaluation at epoch 0).
 *
 * <p>The cells come from a graphs file {@code {hash: [adjacency, ops]}} (ops as names or NAS-Bench-101 labels):
 * the one given to {@link #withGraphs(Path)}, else a {@code graphs.json} inside the data directory or beside the
 * data file. When the space is {@code nb101}, a cell whose module hash differs from its folder's hash is reported
 * in {@link CurveDataset#skipped()} and left out.
 */
public final class Nb101ResultsFormat implements DatasetFormat {

    public static final String NAME = "nb101-results";
    public static final String GRAPHS_FILE = "graphs.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAYOUT = Pattern.compile("(?:^|.*/)([0-9a-f]{32})/repeat_(\\d+)/results\\.json$");

    private final Optional<Path> graphs;

    /** Looks for {@value #GRAPHS_FILE} beside the data (the instance the format registry creates). */
    public Nb101ResultsFormat() {
        this(Optional.empty());
    }

    /** Reads cells from {@code graphs} when present, else looks for {@value #GRAPHS_FILE} beside the data. */
    public Nb101ResultsFormat(Optional<Path> graphs) {
        this.graphs = graphs;
    }

    /** This format reading cells from {@code graphs} ({@code --graphs} on the command line). */
    public Nb101ResultsFormat withGraphs(Path graphs) {
        return new Nb101ResultsFormat(Optional.of(graphs));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NAS-Bench-101 training output, <hash>/repeat_<n>/results.json in a directory or zip, cells from "
                + "graphs.json {hash: [adjacency, ops]} beside it or --graphs";
    }

    private record Found(String source, String hash, int repeat, JsonNode results) {
    }

    @Override
    public CurveDataset read(Path path, SearchSpace space, Progress progress) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        Map<String, JsonNode> cells = readGraphs(path);
        List<Found> found = new ArrayList<>();
        progress.start("reading " + path.getFileName(), -1);
        try {
            if (Files.isDirectory(path)) {
                readDirectory(path, found, progress);
            } else {
                readZip(path, found, progress);
            }
        } finally {
            progress.done();
        }
        if (found.isEmpty()) {
            throw new DataFormatException(path + ": no <hash>/repeat_<n>/results.json files found; "
                    + "point at the folder or zip that holds NAS-Bench-101's training output");
        }
        Map<String, Architecture> archs = new HashMap<>();
        List<TrainingRun> runs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Found f : found) {
            Architecture arch = archs.computeIfAbsent(f.hash(), h -> architecture(h, cells, space, f.source()));
            if (arch instanceof Nb101Cell && !arch.canonicalKey().equals(f.hash())) {
                skipped.add(f.source() + ": skipped run of " + f.hash() + " (repeat " + f.repeat() + "): the graphs "
                        + "file's cell for this hash has module hash " + arch.canonicalKey() + "; fix the graphs file");
                continue;
            }
            runs.add(run(f, arch));
            sources.add(f.source());
        }
        return screen(space, runs, sources, skipped, path.toString());
    }

    private Map<String, JsonNode> readGraphs(Path data) throws IOException {
        Optional<Path> file = graphs;
        if (file.isEmpty()) {
            Path beside = Files.isDirectory(data) ? data.resolve(GRAPHS_FILE) : data.resolveSibling(GRAPHS_FILE);
            file = Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
        }
        if (file.isEmpty()) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.get().toFile());
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file.get() + ": the graphs file is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DataFormatException(file.get() + ": the graphs file must be an object {hash: [adjacency, ops]}");
        }
        Map<String, JsonNode> cells = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isArray() || v.size() != 2) {
                throw new DataFormatException(file.get() + ": entry " + e.getKey()
                        + " must be [adjacency, ops], got " + v);
            }
            ObjectNode cell = JSON.createObjectNode();
            cell.set("adjacency", v.get(0));
            cell.set("ops", v.get(1));
            cells.put(e.getKey(), cell);
        }
        return cells;
    }

    private static Architecture architecture(String hash, Map<String, JsonNode> cells, SearchSpace space,
                                             String source) {
        JsonNode cell = cells.get(hash);
        if (cell == null) {
            throw new DataFormatException(source + ": no cell for hash " + hash + " in the graphs file; pass the "
                    + "NAS-Bench-101 graphs file {hash: [adjacency, ops]} with --graphs, or put a " + GRAPHS_FILE
                    + " beside the data");
        }
        try {
            return space.parse(cell);
        } catch (InvalidArchitectureException e) {
            throw new DataFormatException(source + ": the graphs file's cell for " + hash + " is not valid in space '"
                    + space.name() + "': " + e.getMessage());
        }
    }

    private static void readDirectory(Path root, List<Found> found, Progress progress) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().equals("results.json")).sorted().toList();
        }
        for (Path p : files) {
            String relative = root.relativize(p).toString().replace('\\', '/');
            try (InputStream in = Files.newInputStream(p)) {
                found.add(parse(p.toString(), relative, in));
            }
            progress.advance(1);
        }
    }

    private static void readZip(Path zip, List<Found> found, Progress progress) throws IOException {
        try (ZipFile file = CompressedStreams.openZip(zip)) {
            List<? extends ZipEntry> entries = Collections.list(file.entries()).stream()
                    .filter(e -> !e.isDirectory() && e.getName().endsWith("results.json"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            for (ZipEntry e : entries) {
                String source = zip + "!" + e.getName();
                try (InputStream in = CompressedStreams.entry(file, e, source)) {
                    found.add(parse(source, e.getName(), in));
                }
                progress.advance(1);
            }
        }
    }

    private static Found parse(String source, String relative, InputStream in) throws IOException {
        Matcher m = LAYOUT.matcher(relative);
        if (!m.matches()) {
            throw new DataFormatException(source + ": expected the layout .../<32-hex-digit hash>/repeat_<n>/"
                    + "results.json");
        }
        JsonNode node;
        try {
            node = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new DataFormatException(source + ": expected a JSON object with 'evaluation_results'");
        }
        return new Found(source, m.group(1), Integer.parseInt(m.group(2)), node);
    }

    private static TrainingRun run(Found f, Architecture arch) {
        JsonNode list = f.results().get("evaluation_results");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new DataFormatException(f.source() + ": 'evaluation_results' must be a non-empty list of "
                    + "{epochs, training_time, train_accuracy, validation_accuracy, test_accuracy}");
        }
        List<Nb101Evaluation> evaluations = new ArrayList<>(list.size());
        double previousEpoch = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            double epoch = number(e, "epochs", i, f.source());
            if (i > 0 && epoch <= previousEpoch) {
                throw new DataFormatException(f.source() + ": evaluation " + i + " is at epoch " + epoch
                        + ", not after the previous one at " + previousEpoch + "; evaluations must be in epoch order");
            }
            evaluations.add(new Nb101Evaluation(epoch, number(e, "training_time", i, f.source()),
                    number(e, "train_accuracy", i, f.source()), number(e, "validation_accuracy", i, f.source()),
                    number(e, "test_accuracy", i, f.source())));
            previousEpoch = epoch;
        }
        return Nb101Runs.of(arch, f.repeat(), evaluations);
    }

    private static double number(JsonNode evaluation, String field, int index, String source) {
        JsonNode v = evaluation == null ? null : evaluation.get(field);
        if (v == null || !v.isNumber()) {
            throw new DataFormatException(source + ": evaluation_results[" + index + "]." + field
                    + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    /** Leaves out, and reports, runs with non-finite values or with a number of evaluations other than most. */
    private static CurveDataset screen(SearchSpace space, List<TrainingRun> runs, List<String> sources,
                                       List<String> skipped, String path) {
        Map<Integer, Integer> lengths = new HashMap<>();
        runs.forEach(r -> lengths.merge(r.curve(Metrics.VAL_ACC).epochs(), 1, Integer::sum));
        int usual = lengths.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0);
        List<TrainingRun> kept = new ArrayList<>();
        List<String> report = new ArrayList<>(skipped);
        for (int i = 0; i < runs.size(); i++) {
            TrainingRun r = runs.get(i);
            String problem = null;
            for (Map.Entry<String, LearningCurve> m : r.metrics().entrySet()) {
                int bad = m.getValue().firstNonFinite();
                if (bad >= 0 && problem == null) {
                    problem = m.getKey() + " is " + m.getValue().get(bad) + " at evaluation " + bad;
                }
            }
            if (problem == null && r.curve(Metrics.VAL_ACC).epochs() != usual) {
                problem = r.curve(Metrics.VAL_ACC).epochs() + " evaluations where most runs have " + usual;
            }
            if (problem == null) {
                kept.add(r);
            } else {
                report.add(sources.get(i) + ": skipped run of " + r.architecture().canonicalKey() + " (repeat "
                        + r.seed() + "): " + problem);
            }
        }
        if (kept.isEmpty()) {
            throw new DataFormatException(path + ": every run was skipped; first reason: " + report.get(0));
        }
        return CurveDataset.fromRuns(space, kept, report);
    }
}
