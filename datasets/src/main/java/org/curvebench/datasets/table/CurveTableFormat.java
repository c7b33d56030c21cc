package org.curvebench.datasets.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * CurveBench's generic curve table: JSON Lines, plain or gzip, one run per line,
 * {@code {"arch": ..., "seed": 0, "metrics": {"val_acc": [...], ...}, "epoch_seconds": [...]}}.
 * {@code seed} defaults to the number of earlier runs of the same architecture; {@code epoch_seconds} is
 * optional. NaN may be written as {@code NaN} or {@code null}; such runs, and runs shorter or longer than most,
 * are skipped and reported.
 */
public final class CurveTableFormat implements DatasetFormat {

    public static final String NAME = "table";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "JSON Lines (plain or .gz): {\"arch\": ..., \"seed\": 0, \"metrics\": {\"val_acc\": [...]}, "
                + "\"epoch_seconds\": [...]}";
    }

    @Override
    public CurveDataset read(Path path, SearchSpace space, Progress progress) throws IOException {
        String source = path.toString();
        List<TrainingRun> runs = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        Map<String, Integer> runsPerKey = new HashMap<>();
        progress.start("reading " + path.getFileName(), -1);
        try (BufferedReader in = TextFiles.reader(path)) {
            JsonLines.forEach(in, source, (node, lineNo) -> {
                runs.add(parseRun(node, space, source, lineNo, runsPerKey));
                lines.add(lineNo);
                progress.advance(1);
            });
        } finally {
            progress.done();
        }
        if (runs.isEmpty()) {
            throw new DataFormatException(source + ": no runs in the file");
        }
        return screen(space, runs, lines, source);
    }

    private static TrainingRun parseRun(JsonNode node, SearchSpace space, String source, long lineNo,
                                        Map<String, Integer> runsPerKey) {
        if (node == null || !node.isObject()) {
            throw new DataFormatException(source, lineNo, "expected a JSON object per line");
        }
        JsonNode archNode = node.get("arch");
        if (archNode == null) {
            throw new DataFormatException(source, lineNo, "field 'arch' is missing");
        }
        Architecture arch;
        try {
            arch = space.parse(archNode);
        } catch (InvalidArchitectureException e) {
            throw new DataFormatException(source, lineNo, "field 'arch': " + e.getMessage());
        }
        int defaultSeed = runsPerKey.merge(arch.canonicalKey(), 1, Integer::sum) - 1;
        int seed = defaultSeed;
        JsonNode seedNode = node.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            if (!seedNode.canConvertToInt() || !seedNode.isIntegralNumber()) {
                throw new DataFormatException(source, lineNo, "field 'seed' must be an integer, got " + seedNode);
            }
            seed = seedNode.intValue();
        }
        JsonNode metricsNode = node.get("metrics");
        if (metricsNode == null || !metricsNode.isObject() || metricsNode.isEmpty()) {
            throw new DataFormatException(source, lineNo,
                    "field 'metrics' must be an object such as {\"val_acc\": [...]} with at least one metric");
        }
        Map<String, LearningCurve> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metricsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Metrics.KNOWN.contains(e.getKey())) {
                throw new DataFormatException(source, lineNo, "unknown metric '" + e.getKey() + "'; known metrics: "
                        + String.join(", ", Metrics.KNOWN));
            }
            metrics.put(e.getKey(), JsonCurves.read(e.getValue(), "metrics." + e.getKey(), source + ":" + lineNo));
        }
        Optional<LearningCurve> seconds = Optional.empty();
        JsonNode secondsNode = node.get("epoch_seconds");
        if (secondsNode != null && !secondsNode.isNull()) {
            seconds = Optional.of(JsonCurves.read(secondsNode, "epoch_seconds", source + ":" + lineNo));
        }
        return new TrainingRun(arch, seed, metrics, seconds);
    }


    /** Leaves out, and reports, runs with non-finite values or with a length other than the usual one. */
    static CurveDataset screen(SearchSpace space, List<TrainingRun> runs, List<Long> lines, String source) {
        CurveScreening screening = CurveScreening.of(runs.stream().map(TrainingRun::metrics).toList());
        List<TrainingRun> kept = new ArrayList<>(runs.size());
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            TrainingRun r = runs.get(i);
            String problem = screening.problem(r.metrics());
            if (problem == null) {
                kept.add(r);
            } else {
                skipped.add(source + ":" + lines.get(i) + ": skipped run of " + r.architecture().canonicalKey()
                        + " (seed " + r.seed() + "): " + problem);
            }
        }
        if (kept.isEmpty()) {
            throw new DataFormatException(source + ": every run was skipped; first reason: " + skipped.get(0));
        }
        return CurveDataset.fromRuns(space, kept, skipped);
    }



    /** Parses one architecture from JSON text, or from a bare string when the text is not JSON (NB201 strings). */
    public static Architecture parseArchitecture(String text, SearchSpace space) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            node = com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
        }
        if (node == null || node.isMissingNode()) {
            node = com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
        }
        return space.parse(node);
    }

}
