package org.curvebench.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.curvebench.core.Progress;
import org.curvebench.datasets.ArchitectureRuns;
import org.curvebench.datasets.table.CurveTableWriter;
import org.curvebench.models.CurveRegressor;
import org.curvebench.models.EmbeddingFeaturesRegressor;
import org.curvebench.models.EmbeddingFeaturesTrainer;
import org.curvebench.models.ObliviousBoostingTrainer;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateConfig;
import org.curvebench.surrogate.SurrogateFiles;
import org.curvebench.surrogate.SurrogateTrainer;
import org.curvebench.surrogate.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --encoder gin} and {@code gin+ENCODER}: trees on out-of-fold GIN encodings (alone or beside the space's
 * features), the GINs travelling in the surrogate file and queried without ND4J.
 */
class GinEncoderTest {

    static final GinSettings BRIEF = new GinSettings(2, 16, 12, 0.01, 16, 0.035, 12);

    static CurveSurrogate besideFeatures;
    static CurveSurrogate alone;

    @TempDir
    Path dir;

    static CurveSurrogate fit(String encoder, long seed) {
        SurrogateConfig c = SurrogateConfig.defaults(GinTrainerTest.train.space().defaultMetric())
                .withEncoder(encoder).withSeed(seed)
                .withRegressor(new EmbeddingFeaturesTrainer(new GinTrainer(BRIEF),
                        ObliviousBoostingTrainer.defaults().withMaxRounds(60)));
        return new SurrogateTrainer(c, Progress.NONE, w -> { }).fit(GinTrainerTest.train);
    }

    @BeforeAll
    static void data() {
        GinTrainerTest.data();
        besideFeatures = fit("gin+onehot-paths", 1);
        alone = fit("gin", 2);
    }

    @Test
    void treesOnTheEncodingAloneKeepTheNetworksInTheirFile() throws Exception {
        assertEquals("gin", alone.manifest().encoder());
        assertEquals(0, alone.manifest().featureDimension());
        EmbeddingFeaturesRegressor r = (EmbeddingFeaturesRegressor) alone.regressor();
        assertTrue(r.encodes());
        assertEquals(EmbeddingFeaturesTrainer.DEFAULT_FOLDS, r.networks().size());
        for (CurveRegressor n : r.networks()) {
            assertTrue(n instanceof GinRegressor);
        }
        double ratio = GinTrainerTest.heldOutErrorBelowMeanCurve(alone);
        assertTrue(ratio < 0.97, "held-out error over the mean curve's: " + ratio);

        Path file = dir.resolve("gin-trees.cbs");
        SurrogateFiles.installed().save(alone, file);
        CurveSurrogate loaded = SurrogateFiles.installed().load(file);
        assertEquals("gin", loaded.manifest().encoder());
        for (ArchitectureRuns a : GinTrainerTest.held.subList(0, 5)) {
            assertArrayEquals(alone.meanCurve(a.architecture()).toArray(), loaded.meanCurve(a.architecture()).toArray(),
                    0.0);
        }
        ArchitectureRuns a = GinTrainerTest.held.get(3);
        assertEquals(java.util.Arrays.toString(alone.meanCurve(a.architecture()).toArray()),
                GinTrainerTest.queryWithoutNd4j(file, a));

        CurveSurrogate again = fit("gin", 2);
        assertArrayEquals(alone.meanCurve(a.architecture()).toArray(), again.meanCurve(a.architecture()).toArray(), 0.0);
    }

    @Test
    void besideFeaturesValidationDecidesAndTheFileKeepsTheChoice() throws Exception {
        assertEquals("gin+onehot-paths", besideFeatures.manifest().encoder());
        EmbeddingFeaturesRegressor r = (EmbeddingFeaturesRegressor) besideFeatures.regressor();
        java.util.Map<String, Object> fitted = besideFeatures.manifest().regressor().fitted();
        double with = (double) fitted.get("validation_mse_with_encoding");
        double without = (double) fitted.get("validation_mse_without_encoding");
        assertEquals(with < without, r.encodes(), fitted.toString());
        assertEquals(r.encodes(), fitted.get("encoding_kept"));
        double ratio = GinTrainerTest.heldOutErrorBelowMeanCurve(besideFeatures);
        assertTrue(ratio < 0.8, "held-out error over the mean curve's: " + ratio);
        Path file = dir.resolve("gin-features.cbs");
        SurrogateFiles.installed().save(besideFeatures, file);
        CurveSurrogate loaded = SurrogateFiles.installed().load(file);
        for (ArchitectureRuns a : GinTrainerTest.held.subList(0, 5)) {
            assertArrayEquals(besideFeatures.meanCurve(a.architecture()).toArray(),
                    loaded.meanCurve(a.architecture()).toArray(), 0.0);
        }
    }

    /** GINs that encode for the trees take 4 layers unless told otherwise, observed epochs or not. */
    @Test
    void encodingGinsDefaultToFourLayers() {
        EmbeddingFeaturesTrainer byDefault = new EmbeddingFeaturesTrainer(new GinTrainer(GinSettings.defaults()),
                ObliviousBoostingTrainer.defaults());
        GinSettings encoding = ((GinTrainer) byDefault.embedding()).settings();
        assertEquals(4, encoding.layers());
        assertEquals(4, encoding.layersFor(false));
        assertEquals(4, GinSettings.defaults().layersFor(true));
        assertEquals(1, GinSettings.defaults().layersFor(false), "the regressor's default");
        GinSettings two = new GinSettings(2, 24, 100, 0.01, 51, 0.035, 20);
        EmbeddingFeaturesTrainer told = new EmbeddingFeaturesTrainer(new GinTrainer(two), ObliviousBoostingTrainer.defaults());
        assertEquals(2, ((GinTrainer) told.embedding()).settings().layers());
    }

    @Test
    void anEmbeddingEncoderNeedsARegressorThatFitsIt() {
        SurrogateConfig trees = SurrogateConfig.defaults("val_acc").withEncoder("gin+onehot");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SurrogateTrainer(trees, Progress.NONE, w -> { }).fit(GinTrainerTest.train));
        assertTrue(e.getMessage().contains("EmbeddingFeaturesTrainer"), e.getMessage());
        SurrogateConfig unknown = trees.withEncoder("gin+nothing");
        e = assertThrows(IllegalArgumentException.class,
                () -> new SurrogateTrainer(unknown, Progress.NONE, w -> { }).fit(GinTrainerTest.train));
        assertTrue(e.getMessage().contains("onehot-paths"), e.getMessage());
    }

    /** {@code fit --regressor gin} makes an ensemble of five GINs on folds unless --ensemble says otherwise. */
    @Test
    void theGinRegressorIsAnEnsembleOfFiveByDefault() throws Exception {
        Path data = dir.resolve("train.jsonl");
        CurveTableWriter.write(GinTrainerTest.train, data);
        Path five = dir.resolve("five.cbs");
        Cli ok = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out", five.toString(),
                "--regressor", "gin", "--gin-epochs", "2", "--gin-hidden", "8");
        assertEquals(0, ok.code, ok.err);
        com.fasterxml.jackson.databind.JsonNode info = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Cli.run("info", "--model", five.toString()).out);
        com.fasterxml.jackson.databind.JsonNode h = info.get("regressor").get("hyperparameters");
        assertEquals(5, h.get("ensemble").asInt(), info.toString());
        assertEquals("folds", h.get("ensemble_resampling").asText());
        assertTrue(SurrogateFiles.installed().load(five).regressor() instanceof org.curvebench.models.EnsembleRegressor);
        Cli q = Cli.run("query", "--model", five.toString(), "--uncertainty", "--arch",
                GinTrainerTest.held.get(0).architecture().toJson().toString());
        assertEquals(0, q.code, q.err);
        assertTrue(q.out.contains("\"spread\""), q.out);

        Path one = dir.resolve("one.cbs");
        Cli single = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out", one.toString(),
                "--regressor", "gin", "--ensemble", "1", "--gin-epochs", "2", "--gin-hidden", "8");
        assertEquals(0, single.code, single.err);
        assertTrue(SurrogateFiles.installed().load(one).regressor() instanceof GinRegressor);
        Cli trees = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out", dir.resolve("t.cbs").toString(),
                "--max-rounds", "5");
        assertEquals(0, trees.code, trees.err);
        assertTrue(!(SurrogateFiles.installed().load(dir.resolve("t.cbs")).regressor()
                instanceof org.curvebench.models.EnsembleRegressor), "the trees stay a single fit by default");
    }

    @Test
    void theCommandLineFitsItAndRefusesWhatCannotWork() throws Exception {
        Path data = dir.resolve("train.jsonl");
        CurveTableWriter.write(GinTrainerTest.train, data);
        Path model = dir.resolve("cli.cbs");
        Cli ok = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out", model.toString(),
                "--encoder", "gin+onehot", "--encoding-folds", "2", "--gin-epochs", "3", "--gin-layers", "1",
                "--max-rounds", "20");
        assertEquals(0, ok.code, ok.err);
        Cli info = Cli.run("info", "--model", model.toString());
        assertTrue(info.out.contains("\"encoder\" : \"gin+onehot\"") && info.out.contains("\"folds\" : 2"), info.out);

        Cli oneFold = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out",
                dir.resolve("f.cbs").toString(), "--encoder", "gin", "--encoding-folds", "1");
        assertEquals(2, oneFold.code, oneFold.err);
        assertTrue(oneFold.err.contains("--encoding-folds must be 2..20"), oneFold.err);
        Cli both = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out", dir.resolve("b.cbs").toString(),
                "--encoder", "gin", "--regressor", "gin");
        assertEquals(2, both.code, both.err);
        assertTrue(both.err.contains("--regressor gin reads the cell graph itself"), both.err);
        Cli unknown = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out",
                dir.resolve("u.cbs").toString(), "--encoder", "gin+paths");
        assertEquals(2, unknown.code, unknown.err);
        assertTrue(unknown.err.contains("--encoder") && unknown.err.contains("onehot-paths"), unknown.err);
        Cli noGraph = Cli.run("fit", "--space", "features", "--data", data.toString(), "--out",
                dir.resolve("g.cbs").toString(), "--encoder", "gin+identity");
        assertEquals(2, noGraph.code, noGraph.err);
        assertTrue(noGraph.err.contains("reads the cell graph, and space 'features' defines none"), noGraph.err);
        Cli badKnots = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out",
                dir.resolve("k.cbs").toString(), "--regressor", "gin", "--gin-skip-knots", "-1");
        assertEquals(2, badKnots.code, badKnots.err);
        assertTrue(badKnots.err.contains("--gin-skip-knots"), badKnots.err);
        assertTrue(!Files.exists(dir.resolve("k.cbs")), "nothing written on a usage error");
        Cli notEmbedding = Cli.run("fit", "--space", "nb201", "--data", data.toString(), "--out",
                dir.resolve("n.cbs").toString(), "--encoder", "oblivious+onehot");
        assertEquals(2, notEmbedding.code, notEmbedding.err);
        assertTrue(notEmbedding.err.contains("gin+ENCODER"), notEmbedding.err);
    }

    /** One command line run with its output; runs are serialised, since they swap the process's streams. */
    record Cli(int code, String out, String err) {

        static synchronized Cli run(String... args) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
                int code = Main.run(args);
                return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }
}
