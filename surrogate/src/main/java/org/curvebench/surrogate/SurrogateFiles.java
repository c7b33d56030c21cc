package org.curvebench.surrogate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.curvebench.core.AtomicFile;
import org.curvebench.core.Registry;
import org.curvebench.encoding.SearchSpaces;
import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;
import org.curvebench.models.RegressorProvider;
import org.curvebench.noise.MetricCorrelation;
import org.curvebench.noise.NoiseModel;
import org.curvebench.noise.NoiseProvider;

/**
 * Saves and loads a surrogate as one gzip-compressed JSON file: a {@link Manifest}, the curve basis, the
 * regressor, the noise model and, for surrogates with observed epochs, the {@link CellFallback} (files without one
 * trust observed epochs whatever their values, as they did when written); for multi-metric surrogates the model of each other metric
 * and the correlation of the metrics' noise. Learners are written and read under the type names their registered providers
 * list, so a learner from any module on the class path travels in surrogate files. Writing goes to a temporary
 * file that replaces the target only when complete; loading checks the format name and version and reports a
 * damaged file as such.
 */
public final class SurrogateFiles {

    private final SearchSpaces spaces;
    private final ObjectMapper json;

    public SurrogateFiles(SearchSpaces spaces, Registry<RegressorProvider> regressors, Registry<NoiseProvider> noise) {
        this.spaces = spaces;
        // The fast double parser reads the same bits as Double.parseDouble (it is correctly rounded) and cuts the
        // cold start of loading a surrogate, which is mostly parsing its ~100,000 floating-point numbers.
        this.json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
        regressors.all().forEach(p -> p.modelTypes().forEach(json::registerSubtypes));
        json.registerSubtypes(org.curvebench.models.EnsembleRegressor.class);
        json.registerSubtypes(org.curvebench.models.EmbeddingFeaturesRegressor.class);
        noise.all().forEach(p -> p.modelTypes().forEach(json::registerSubtypes));
    }

    /** The codec for every space and learner on the class path. */
    public static SurrogateFiles installed() {
        return new SurrogateFiles(SearchSpaces.installed(), RegressorProvider.installed(), NoiseProvider.installed());
    }

    /** A surrogate file's manifest alone, checked like {@link #load}. */
    public Manifest manifest(Path path) throws IOException {
        return readManifest(readRoot(path), path);
    }

    public void save(CurveSurrogate surrogate, Path path) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.set("manifest", json.valueToTree(surrogate.manifest()));
        root.set("basis", json.valueToTree(surrogate.basis()));
        root.set("regressor", json.valueToTree(surrogate.regressor()));
        root.set("noise", json.valueToTree(surrogate.noise()));
        surrogate.fallback().ifPresent(f -> root.set("cellModel", json.valueToTree(f)));
        if (!surrogate.otherMetrics().isEmpty()) {
            var others = root.putArray("otherMetrics");
            for (MetricModel m : surrogate.otherMetrics()) {
                ObjectNode o = others.addObject();
                o.put("metric", m.metric());
                o.set("basis", json.valueToTree(m.basis()));
                o.set("regressor", json.valueToTree(m.regressor()));
                o.set("noise", json.valueToTree(m.noise()));
            }
            root.set("correlation", json.valueToTree(surrogate.correlation()));
        }
        AtomicFile.createParentFolders(path);
        AtomicFile.writeStream(path, out -> {
            try (OutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                json.writeValue(gz, root);
            }
        });
    }

    public CurveSurrogate load(Path path) throws IOException {
        JsonNode root = readRoot(path);
        Manifest manifest = readManifest(root, path);
        try {
            CurveBasis basis = json.treeToValue(required(root, "basis", path), CurveBasis.class);
            CurveRegressor regressor = json.treeToValue(required(root, "regressor", path), CurveRegressor.class);
            NoiseModel noise = json.treeToValue(required(root, "noise", path), NoiseModel.class);
            JsonNode cell = root.get("cellModel");
            CellFallback fallback = cell == null || cell.isNull() ? null : json.treeToValue(cell, CellFallback.class);
            List<MetricModel> others = new ArrayList<>();
            JsonNode otherNodes = root.get("otherMetrics");
            if (otherNodes != null) {
                for (JsonNode o : otherNodes) {
                    others.add(new MetricModel(o.path("metric").asText(),
                            json.treeToValue(required(o, "basis", path), CurveBasis.class),
                            json.treeToValue(required(o, "regressor", path), CurveRegressor.class),
                            json.treeToValue(required(o, "noise", path), NoiseModel.class)));
                }
            }
            MetricCorrelation correlation = others.isEmpty() ? MetricCorrelation.independent(1)
                    : json.treeToValue(required(root, "correlation", path), MetricCorrelation.class);
            return new CurveSurrogate(manifest, spaces.get(manifest.space()), basis, regressor, noise, fallback, others,
                    correlation);
        } catch (com.fasterxml.jackson.databind.exc.InvalidTypeIdException e) {
            throw new IOException(path + " needs the learner '" + e.getTypeId() + "', which no module on the class path "
                    + "provides; add the module that registers it", e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(path + " is a damaged surrogate file (" + e.getMessage() + "); fit it again", e);
        }
    }

    private JsonNode readRoot(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no surrogate file here; create one with 'curvebench fit'");
        }
        JsonNode root;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            if (raw.read() != 0x1f || raw.read() != 0x8b) {
                throw new IOException(path + " is not a CurveBench surrogate file (it is not gzip-compressed); "
                        + "surrogate files are written by 'curvebench fit'");
            }
            raw.reset();
            // read to the end, so that gzip checks its CRC before anything is trusted
            byte[] content = new GZIPInputStream(raw).readAllBytes();
            root = json.readTree(content);
        } catch (ZipException | EOFException | JsonProcessingException e) {
            throw new IOException(path + " is a damaged surrogate file (" + e.getMessage() + "); fit it again", e);
        }
        return root;
    }

    private Manifest readManifest(JsonNode root, Path path) throws IOException {
        JsonNode m = root == null ? null : root.get("manifest");
        if (m == null || !Manifest.FORMAT.equals(m.path("format").asText())) {
            throw new IOException(path + " is not a CurveBench surrogate file (no '" + Manifest.FORMAT + "' manifest)");
        }
        int version = m.path("formatVersion").asInt(-1);
        if (version != Manifest.FORMAT_VERSION) {
            throw new IOException(path + " has surrogate format version " + version + ", but this CurveBench "
                    + Manifest.CURVEBENCH_VERSION + " reads version " + Manifest.FORMAT_VERSION
                    + (version > Manifest.FORMAT_VERSION ? "; upgrade CurveBench" : "; fit the surrogate again"));
        }
        try {
            return json.treeToValue(m, Manifest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(path + " is a damaged surrogate file (" + e.getMessage() + "); fit it again", e);
        }
    }

    private static JsonNode required(JsonNode root, String field, Path path) throws IOException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new IOException(path + " is a damaged surrogate file (no '" + field + "' section); fit it again");
        }
        return n;
    }
}
