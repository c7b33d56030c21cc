package org.curvebench.search.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.curvebench.datasets.DataFormatException;

/**
 * Regret against simulated time per optimizer, read from JSON Lines with {@code seconds} and {@code regret} and
 * optionally {@code label} or {@code optimizer} (else the file's name) and {@code trial} (else 0), as
 * {@code curvebench search} writes them and other tools may. Each trial is a step function (its regret after
 * the last line by then); the mean and standard error are taken over the trials that have a value at a time.
 */
public final class RegretCurves {

    /**
     * One optimizer's curve on a time grid.
     *
     * @param trials trials with a value at each point
     */
    public record Curve(String label, double[] seconds, double[] mean, double[] standardError, int[] trials) {
    }

    private final Map<String, Map<Long, TreeMap<Double, Double>>> byLabel = new LinkedHashMap<>();

    /** Adds every line of a runs file; a line without the needed fields fails naming the file and line. */
    public void read(Path path) throws IOException {
        ObjectMapper json = new ObjectMapper();
        String fallback = path.getFileName().toString().replaceFirst("\\.jsonl$", "");
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = json.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new DataFormatException(path.toString(), number, "not JSON: " + e.getOriginalMessage());
                }
                JsonNode seconds = n.get("seconds");
                JsonNode regret = n.get("regret");
                if (seconds == null || !seconds.isNumber() || regret == null || !regret.isNumber()) {
                    throw new DataFormatException(path.toString(), number,
                            "a runs line needs numeric \"seconds\" and \"regret\" fields");
                }
                String label = n.hasNonNull("label") ? n.get("label").asText()
                        : n.hasNonNull("optimizer") ? n.get("optimizer").asText() : fallback;
                long trial = n.hasNonNull("trial") ? n.get("trial").asLong() : 0;
                byLabel.computeIfAbsent(label, k -> new LinkedHashMap<>())
                        .computeIfAbsent(trial, k -> new TreeMap<>())
                        .merge(seconds.asDouble(), regret.asDouble(), (a, b) -> b);
            }
        }
    }

    public boolean isEmpty() {
        return byLabel.isEmpty();
    }

    /** Each optimizer's mean and standard error on {@code points} log-spaced times over the runs' span. */
    public List<Curve> curves(int points) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (var trials : byLabel.values()) {
            for (var t : trials.values()) {
                for (double s : t.keySet()) {
                    if (s > 0) {
                        min = Math.min(min, s);
                    }
                    max = Math.max(max, s);
                }
            }
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("no line has positive seconds to plot");
        }
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = points == 1 ? max : min * Math.pow(max / min, (double) i / (points - 1));
        }
        List<Curve> out = new ArrayList<>();
        byLabel.forEach((label, trials) -> {
            List<Double> xs = new ArrayList<>();
            List<double[]> stats = new ArrayList<>();
            for (double x : grid) {
                double sum = 0;
                double sumSq = 0;
                int n = 0;
                for (TreeMap<Double, Double> t : trials.values()) {
                    var entry = t.floorEntry(x * (1 + 1e-12));
                    if (entry != null) {
                        sum += entry.getValue();
                        sumSq += entry.getValue() * entry.getValue();
                        n++;
                    }
                }
                if (n > 0) {
                    double mean = sum / n;
                    double var = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
                    xs.add(x);
                    stats.add(new double[] {mean, Math.sqrt(var / n), n});
                }
            }
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] mean = new double[x.length];
            double[] se = new double[x.length];
            int[] count = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                mean[i] = stats.get(i)[0];
                se[i] = stats.get(i)[1];
                count[i] = (int) stats.get(i)[2];
            }
            out.add(new Curve(label, x, mean, se, count));
        });
        return out;
    }
}
