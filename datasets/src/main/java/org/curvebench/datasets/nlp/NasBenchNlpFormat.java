package org.curvebench.datasets.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.curvebench.datasets.CompressedStreams;
import org.curvebench.datasets.CurveDataset;
import org.curvebench.datasets.CurveScreening;
import org.curvebench.datasets.DataFormatException;
import org.curvebench.datasets.DatasetFormat;
import org.curvebench.datasets.JsonCurves;
import org.curvebench.core.LearningCurve;
import org.curvebench.datasets.Metrics;
import org.curvebench.core.Progress;
import org.curvebench.datasets.TrainingRun;
import org.curvebench.encoding.Architecture;
import org.curvebench.encoding.InvalidArchitectureException;
import org.curvebench.encoding.SearchSpace;

/**
 * NAS-Bench-NLP training logs: a zip or folder of {@code log_stats_model_*.json}, one training per file, with
 * the recipe in {@code recepie} (a JSON string, as the benchmark spells it), {@code status},
 * {@code train_losses}, {@code val_losses}, {@code test_losses} and {@code wall_times} (seconds of each epoch;
 * they are not cumulative in the released logs). Each log becomes a run with {@code val_loss},
 * {@code train_loss} and {@code test_loss} as present, plus {@link Metrics#VAL_LOSS_X11} when
 * {@code val_loss} is. Runs of one cell (same canonical key) get seeds 0, 1, ... in file-name order. Logs whose
 * status is not {@code OK}, that hold NaN, or that are shorter or longer than most are left out and listed in
 * {@link CurveDataset#skipped()}, as are {@code .json} files not named like a log.
 */
public final class NasBenchNlpFormat implements DatasetFormat {

    public static final String NAME = "nasbench-nlp";

    private static final Pattern LOG_NAME = Pattern.compile("log_stats_model_.*\\.json");

    /** Log fields and the metrics they become, in the order runs list them. */
    private static final Map<String, String> CURVES = curveFields();

    private static Map<String, String> curveFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("val_losses", Metrics.VAL_LOSS);
        m.put("train_losses", Metrics.TRAIN_LOSS);
        m.put("test_losses", Metrics.TEST_LOSS);
        return m;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NAS-Bench-NLP logs: a zip or folder of log_stats_model_*.json (recepie, status, *_losses, wall_times)";
    }

    /** One log file's name (for messages), its name for ordering and its bytes. */
    private record LogFile(String source, String fileName, byte[] content) {
    }

    /** A parsed log, before screening. */
    private record Log(String source, String status, Architecture architecture, Map<String, LearningCurve> metrics,
                       Optional<LearningCurve> wallTimes) {
    }

    @Override
    public CurveDataset read(Path path, SearchSpace space, Progress progress) throws IOException {
        List<String> skipped = new ArrayList<>();
        List<LogFile> files = Files.isDirectory(path) ? listFolder(path, skipped) : listZip(path, skipped);
        if (files.isEmpty()) {
            throw new DataFormatException(path + ": no log_stats_model_*.json files");
        }
        files.sort(Comparator.comparing(LogFile::fileName).thenComparing(LogFile::source));
        List<Log> logs = new ArrayList<>(files.size());
        progress.start("reading " + path.getFileName(), files.size());
        try {
            for (LogFile f : files) {
                logs.add(parse(f, space));
                progress.advance(1);
            }
        } finally {
            progress.done();
        }
        return screen(path, space, logs, skipped);
    }

    private static List<LogFile> listFolder(Path folder, List<String> skipped) throws IOException {
        List<LogFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !name.endsWith(".json")) {
                    continue;
                }
                if (LOG_NAME.matcher(name).matches()) {
                    files.add(new LogFile(p.toString(), name, Files.readAllBytes(p)));
                } else {
                    skipped.add(p + ": skipped: not named log_stats_model_*.json");
                }
            }
        }
        return files;
    }

    private static List<LogFile> listZip(Path zip, List<String> skipped) throws IOException {
        if (!Files.exists(zip)) {
            throw new NoSuchFileException(zip.toString(), null, "no such file or folder");
        }
        List<LogFile> files = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> it = z.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (e.isDirectory() || !name.endsWith(".json")) {
                    continue;
                }
                String source = zip + "!" + e.getName();
                if (!LOG_NAME.matcher(name).matches()) {
                    skipped.add(source + ": skipped: not named log_stats_model_*.json");
                    continue;
                }
                try (InputStream in = CompressedStreams.entry(z, e, source)) {
                    files.add(new LogFile(source, name, in.readAllBytes()));
                }
            }
        } catch (ZipException e) {
            throw new DataFormatException(zip + ": neither a folder nor a zip of log_stats_model_*.json files ("
                    + e.getMessage() + ")", e);
        }
        return files;
    }

    private static Log parse(LogFile f, SearchSpace space) {
        String src = f.source();
        JsonNode root = JsonCurves.readObject(f.content(), src, "a NAS-Bench-NLP training log");
        JsonNode recipe = root.get("recepie");
        if (recipe == null || recipe.isNull()) {
            throw new DataFormatException(src + ": field 'recepie' (the cell's recipe) is missing");
        }
        Architecture arch;
        try {
            arch = space.parse(recipe);
        } catch (InvalidArchitectureException e) {
            throw new DataFormatException(src + ": field 'recepie': " + e.getMessage());
        }
        JsonNode status = root.get("status");
        if (status == null || !status.isTextual()) {
            throw new DataFormatException(src + ": field 'status' must be a string such as \"OK\"");
        }
        Map<String, LearningCurve> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : CURVES.entrySet()) {
            JsonNode values = root.get(c.getKey());
            if (values != null && !values.isNull()) {
                metrics.put(c.getValue(), JsonCurves.read(values, c.getKey(), src));
            }
        }
        if (metrics.isEmpty()) {
            throw new DataFormatException(src + ": none of " + CURVES.keySet() + " is present");
        }
        LearningCurve val = metrics.get(Metrics.VAL_LOSS);
        if (val != null) {
            double[] x11 = val.toArray();
            for (int i = 0; i < x11.length; i++) {
                x11[i] = 100.0 - x11[i];
            }
            metrics.put(Metrics.VAL_LOSS_X11, LearningCurve.of(x11));
        }
        JsonNode wall = root.get("wall_times");
        Optional<LearningCurve> seconds = wall == null || wall.isNull()
                ? Optional.empty() : Optional.of(JsonCurves.read(wall, "wall_times", src));
        return new Log(src, status.asText(), arch, metrics, seconds);
    }


    private static CurveDataset screen(Path path, SearchSpace space, List<Log> logs, List<String> skipped) {
        CurveScreening screening = CurveScreening.of(
                logs.stream().filter(l -> l.status().equals("OK")).map(Log::metrics).toList());
        Map<String, Integer> seeds = new HashMap<>();
        List<TrainingRun> runs = new ArrayList<>();
        for (Log log : logs) {
            String problem = problem(log, screening);
            if (problem != null) {
                skipped.add(log.source() + ": skipped: " + problem);
                continue;
            }
            int seed = seeds.merge(log.architecture().canonicalKey(), 1, Integer::sum) - 1;
            runs.add(new TrainingRun(log.architecture(), seed, log.metrics(), log.wallTimes()));
        }
        if (runs.isEmpty()) {
            throw new DataFormatException(path + ": every log was left out; first reason: " + skipped.get(0));
        }
        return CurveDataset.fromRuns(space, runs, skipped);
    }


    private static String problem(Log log, CurveScreening screening) {
        if (!log.status().equals("OK")) {
            return "status is '" + log.status() + "'";
        }
        String problem = screening.problem(log.metrics());
        if (problem != null) {
            return problem;
        }
        if (log.wallTimes().isPresent()) {
            LearningCurve w = log.wallTimes().get();
            int epochs = log.metrics().values().iterator().next().epochs();
            if (w.epochs() != epochs) {
                return "wall_times has " + w.epochs() + " entries for " + epochs + " epochs";
            }
            int bad = w.firstNonFinite();
            if (bad >= 0) {
                return "wall_times is " + w.get(bad) + " at epoch " + bad;
            }
        }
        return null;
    }
}
