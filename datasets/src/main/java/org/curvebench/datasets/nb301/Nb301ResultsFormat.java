package org.curvebench.datasets.nb301;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.curvebench.core.LearningCurve;
import org.curvebench.core.Progress;
import org.curvebench.datasets.CompressedStreams;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.CurveScreening;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.DatasetFormat;
import org.curvebench.datasets.JsonCurves;
import org.curvebench.datasets.Metrics;
import org.curvebench.datasets.TarArchive;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;

/**
 * NAS-Bench-301's result files ({@code results_*.json}, one training run each) from a folder (searched
 * recursively), a zip, a tar or tar.gz archive, or one file. The cell is {@code optimized_hyperparamater_config}
 * (NAS-Bench-301's spelling), read by the space. Runs with {@code learning_curves} (the learning-curve release) get
 * a metric per known series ({@code Train/val_accuracy} -> {@code val_acc}, {@code Train/train_accuracy} ->
 * {@code train_acc}, {@code Train/train_loss} -> {@code train_loss}, {@code Train/val_cross_entropy} ->
 * {@code val_loss}, {@code Train/test_accuracy} -> {@code test_acc}, {@code Train/test_cross_entropy} ->
 * {@code test_loss}); runs without are one point, their final values from {@code info} and {@code test_accuracy},
 * which the dataset's notes say once. {@code runtime} (seconds of the whole training) becomes seconds per epoch.
 * Runs of one cell get seeds 0, 1, ... in file-path order. With {@link #withPadding(int)} shorter curves are padded
 * with their last value to that many epochs (NAS-Bench-x11 pads to 98), also said in the notes.
 */
public final class Nb301ResultsFormat implements DatasetFormat {

    public static final String NAME = "nb301";
    /** The length NAS-Bench-x11 pads NAS-Bench-301's curves to. */
    public static final int X11_EPOCHS = 98;

    private static final Pattern RESULT_NAME = Pattern.compile("results_.*\\.json");
    private static final Map<String, String> SERIES = series();
    private static final Map<String, String> FINAL_VALUES = finalValues();

    private final int padTo;

    /** The format without padding. */
    public Nb301ResultsFormat() {
        this(0);
    }

    private Nb301ResultsFormat(int padTo) {
        this.padTo = padTo;
    }

    /** This format padding every curve shorter than {@code epochs} with its last value; 0 for no padding. */
    public Nb301ResultsFormat withPadding(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("the padded length must be 0 (none) or more, got " + epochs);
        }
        return new Nb301ResultsFormat(epochs);
    }

    private static Map<String, String> series() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Train/val_accuracy", Metrics.VAL_ACC);
        m.put("Train/train_accuracy", Metrics.TRAIN_ACC);
        m.put("Train/train_loss", Metrics.TRAIN_LOSS);
        m.put("Train/val_cross_entropy", Metrics.VAL_LOSS);
        m.put("Train/test_accuracy", Metrics.TEST_ACC);
        m.put("Train/test_cross_entropy", Metrics.TEST_LOSS);
        return m;
    }

    private static Map<String, String> finalValues() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("val_accuracy", Metrics.VAL_ACC);
        m.put("train_accuracy", Metrics.TRAIN_ACC);
        m.put("train_loss", Metrics.TRAIN_LOSS);
        m.put("val_cross_entropy", Metrics.VAL_LOSS);
        return m;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NAS-Bench-301 result files results_*.json (optimized_hyperparamater_config, info, learning_curves) "
                + "in a folder, zip, tar or tar.gz";
    }

    /** One result file's name for messages and its bytes. */
    private record ResultFile(String source, byte[] content) {
    }

    /** A parsed result file. */
    private record Result(String source, Architecture architecture, Map<String, LearningCurve> metrics,
                          Optional<LearningCurve> epochSeconds, boolean onePoint) {
    }

    @Override
    public CurveDataset read(Path path, SearchSpace space, Progress progress) throws IOException {
        List<ResultFile> files = list(path);
        if (files.isEmpty()) {
            throw new DataFormatException(path + ": no NAS-Bench-301 result files (results_*.json)");
        }
        files.sort(Comparator.comparing(ResultFile::source));
        List<Result> results = new ArrayList<>(files.size());
        progress.start("reading " + path.getFileName(), files.size());
        try {
            for (ResultFile f : files) {
                results.add(parse(f, space));
                progress.advance(1);
            }
        } finally {
            progress.done();
        }
        return screen(path, space, results);
    }

    private static List<ResultFile> list(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            List<ResultFile> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    if (RESULT_NAME.matcher(p.getFileName().toString()).matches()) {
                        files.add(new ResultFile(p.toString(), Files.readAllBytes(p)));
                    }
                }
            }
            return files;
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(4);
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return listZip(path);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            InputStream in = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b
                    ? new BufferedInputStream(CompressedStreams.gunzip(raw, path.toString()), 1 << 16) : raw;
            in.mark(512);
            byte[] block = in.readNBytes(512);
            in.reset();
            if (TarArchive.looksLikeTar(block, block.length)) {
                List<ResultFile> files = new ArrayList<>();
                TarArchive.forEach(in, path.toString(), (name, content) -> {
                    if (RESULT_NAME.matcher(name.substring(name.lastIndexOf('/') + 1)).matches()) {
                        files.add(new ResultFile(path + "!" + name, content));
                    }
                });
                return files;
            }
            if (RESULT_NAME.matcher(path.getFileName().toString()).matches() || path.toString().endsWith(".json")) {
                return new ArrayList<>(List.of(new ResultFile(path.toString(), in.readAllBytes())));
            }
        }
        throw new DataFormatException(path + ": neither a folder, a zip, a tar(.gz) archive nor a result file "
                + "(results_*.json)");
    }

    private static List<ResultFile> listZip(Path zip) throws IOException {
        List<ResultFile> files = new ArrayList<>();
        try (ZipFile z = CompressedStreams.openZip(zip)) {
            for (Enumeration<? extends ZipEntry> it = z.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (e.isDirectory() || !RESULT_NAME.matcher(name).matches()) {
                    continue;
                }
                String source = zip + "!" + e.getName();
                try (InputStream in = CompressedStreams.entry(z, e, source)) {
                    files.add(new ResultFile(source, in.readAllBytes()));
                }
            }
        }
        return files;
    }

    private static Result parse(ResultFile f, SearchSpace space) {
        String src = f.source();
        JsonNode root = JsonCurves.readObject(f.content(), src, "a NAS-Bench-301 result file");
        JsonNode config = root.get("optimized_hyperparamater_config");
        if (config == null || !config.isObject()) {
            throw new DataFormatException(src + ": field 'optimized_hyperparamater_config' (the cell's configuration) "
                    + "is missing or not an object");
        }
        Architecture arch;
        try {
            arch = space.parse(config);
        } catch (InvalidArchitectureException e) {
            throw new DataFormatException(src + ": field 'optimized_hyperparamater_config': " + e.getMessage());
        }
        Map<String, LearningCurve> metrics = new LinkedHashMap<>();
        JsonNode curves = root.get("learning_curves");
        boolean onePoint = curves == null || curves.isNull();
        if (!onePoint) {
            if (!curves.isObject()) {
                throw new DataFormatException(src + ": field 'learning_curves' must be an object of series such as "
                        + "\"Train/val_accuracy\": [...]");
            }
            for (Map.Entry<String, String> s : SERIES.entrySet()) {
                JsonNode values = curves.get(s.getKey());
                if (values != null && !values.isNull()) {
                    metrics.put(s.getValue(), JsonCurves.read(values, "learning_curves." + s.getKey(), src));
                }
            }
            if (metrics.isEmpty()) {
                throw new DataFormatException(src + ": field 'learning_curves' has none of the series " + SERIES.keySet());
            }
        } else {
            JsonNode info = root.get("info");
            JsonNode last = info != null && info.isArray() && !info.isEmpty() ? info.get(info.size() - 1) : info;
            if (last == null || !last.isObject()) {
                throw new DataFormatException(src + ": neither 'learning_curves' nor 'info' (the final values) is present");
            }
            for (Map.Entry<String, String> v : FINAL_VALUES.entrySet()) {
                JsonNode x = last.get(v.getKey());
                if (x != null && x.isNumber()) {
                    metrics.put(v.getValue(), LearningCurve.of(x.asDouble()));
                }
            }
            JsonNode test = root.get("test_accuracy");
            if (test != null && test.isNumber()) {
                metrics.put(Metrics.TEST_ACC, LearningCurve.of(test.asDouble()));
            }
            if (!metrics.containsKey(Metrics.VAL_ACC)) {
                throw new DataFormatException(src + ": field 'info' has no 'val_accuracy' and there are no learning curves");
            }
        }
        int epochs = metrics.values().iterator().next().epochs();
        Optional<LearningCurve> seconds = Optional.empty();
        JsonNode runtime = root.get("runtime");
        if (runtime != null && runtime.isNumber()) {
            double trained = trainedEpochs(root, epochs);
            double[] perEpoch = new double[epochs];
            Arrays.fill(perEpoch, runtime.asDouble() / trained);
            seconds = Optional.of(LearningCurve.of(perEpoch));
        }
        return new Result(src, arch, metrics, seconds, onePoint);
    }

    /** The epochs the run trained: {@code info}'s {@code epochs}, else {@code budget}, else the curve's length. */
    private static double trainedEpochs(JsonNode root, int curveEpochs) {
        JsonNode info = root.get("info");
        JsonNode last = info != null && info.isArray() && !info.isEmpty() ? info.get(info.size() - 1) : info;
        if (last != null && last.has("epochs") && last.get("epochs").isNumber() && last.get("epochs").asDouble() > 0) {
            return last.get("epochs").asDouble();
        }
        JsonNode budget = root.get("budget");
        if (budget != null && budget.isNumber() && budget.asDouble() > 0) {
            return budget.asDouble();
        }
        return curveEpochs;
    }

    private CurveDataset screen(Path path, SearchSpace space, List<Result> results) {
        List<String> notes = new ArrayList<>();
        long onePoint = results.stream().filter(Result::onePoint).count();
        if (onePoint > 0) {
            notes.add(onePoint + " of " + results.size() + " result file(s) have no learning curves: each is one "
                    + "point, the final values from 'info' and 'test_accuracy'");
        }
        List<Result> used = results;
        if (padTo > 0) {
            int padded = 0;
            used = new ArrayList<>(results.size());
            for (Result r : results) {
                Result p = pad(r);
                padded += p == r ? 0 : 1;
                used.add(p);
            }
            notes.add("padded " + padded + " of " + results.size() + " run(s) to " + padTo
                    + " epochs with their last value (--pad-epochs)");
        }
        CurveScreening screening = CurveScreening.of(used.stream().map(Result::metrics).toList());
        Map<String, Integer> seeds = new HashMap<>();
        List<TrainingRun> runs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Result r : used) {
            String problem = screening.problem(r.metrics());
            if (problem != null) {
                skipped.add(r.source() + ": skipped: " + problem);
                continue;
            }
            int seed = seeds.merge(r.architecture().canonicalKey(), 1, Integer::sum) - 1;
            runs.add(new TrainingRun(r.architecture(), seed, r.metrics(), r.epochSeconds()));
        }
        if (runs.isEmpty()) {
            throw new DataFormatException(path + ": every result file was left out; first reason: " + skipped.get(0));
        }
        return CurveDataset.fromRuns(space, runs, skipped).withNotes(notes);
    }

    /** The run with every curve shorter than {@link #padTo} padded with its last value, or the run itself. */
    private Result pad(Result r) {
        boolean changed = false;
        Map<String, LearningCurve> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, LearningCurve> m : r.metrics().entrySet()) {
            LearningCurve p = padCurve(m.getValue());
            changed |= p != m.getValue();
            metrics.put(m.getKey(), p);
        }
        if (!changed) {
            return r;
        }
        return new Result(r.source(), r.architecture(), metrics, r.epochSeconds().map(this::padCurve), r.onePoint());
    }

    private LearningCurve padCurve(LearningCurve c) {
        if (c.epochs() >= padTo) {
            return c;
        }
        double[] v = Arrays.copyOf(c.toArray(), padTo);
        Arrays.fill(v, c.epochs(), padTo, c.last());
        return LearningCurve.of(v);
    }
}
