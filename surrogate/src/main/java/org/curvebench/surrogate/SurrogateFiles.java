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
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.curvebench.encoding.SearchSpaces;
import org.curvebench.models.CurveBasis;
import org.curvebench.models.CurveRegressor;
import org.curvebench.noise.NoiseModel;

/**
 * Saves and loads a surrogate as one gzip-compressed JSON file: a {@link Manifest}, the curve basis, the
 * regressor and the noise model. Writing goes to a temporary file that replaces the target only when complete;
 * loading checks the format name and version and reports a damaged file as such.
 */
public final class SurrogateFiles {

    // The fast double parser reads the same bits as Double.parseDouble (it is correctly rounded) and cuts the
    // cold start of loading a surrogate, which is mostly parsing its ~100,000 floating-point numbers.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final SearchSpaces spaces;

    public SurrogateFiles(SearchSpaces spaces) {
        this.spaces = spaces;
    }

    public void save(CurveSurrogate surrogate, Path path) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("manifest", JSON.valueToTree(surrogate.manifest()));
        root.set("basis", JSON.valueToTree(surrogate.basis()));
        root.set("regressor", JSON.valueToTree(surrogate.regressor()));
        root.set("noise", JSON.valueToTree(surrogate.noise()));
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + path.getFileName(), ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                JSON.writeValue(out, root);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public CurveSurrogate load(Path path) throws IOException {
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
            root = JSON.readTree(content);
        } catch (ZipException | EOFException | JsonProcessingException e) {
            throw new IOException(path + " is a damaged surrogate file (" + e.getMessage() + "); fit it again", e);
        }
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
            Manifest manifest = JSON.treeToValue(m, Manifest.class);
            CurveBasis basis = JSON.treeToValue(required(root, "basis", path), CurveBasis.class);
            CurveRegressor regressor = JSON.treeToValue(required(root, "regressor", path), CurveRegressor.class);
            NoiseModel noise = JSON.treeToValue(required(root, "noise", path), NoiseModel.class);
            return new CurveSurrogate(manifest, spaces.get(manifest.space()), basis, regressor, noise);
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
