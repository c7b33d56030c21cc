package org.curvebench.gnn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.curvebench.core.LearnerOptions;

/**
 * How a GIN is shaped and trained. Options by name (command line {@code --gin-layers} etc. or
 * {@code --regressor-option gin-layers=...}): {@code gin-layers}, {@code gin-hidden}, {@code gin-epochs},
 * {@code gin-lr}, {@code gin-batch}, {@code gin-dropout}, {@code gin-patience}, {@code gin-skip-knots},
 * {@code gin-refit}.
 *
 * @param layers       message-passing layers, or {@link #AUTO_LAYERS}: 1 for a GIN regressor, 4 for a GIN that
 *                     encodes for the trees ({@link #layersFor})
 * @param hidden       width of node states, of the head's hidden layer
 * @param epochs       most passes over the training architectures
 * @param learningRate Adam's step size
 * @param batch        architectures per step
 * @param dropout      dropout rate of the head's hidden layer while training
 * @param patience     stop after this many epochs without a better validation loss
 * @param skipKnots    hinges per observed value and change in the skip from the observed epochs (0: a linear
 *                     skip), at that many quantiles of the training values ({@link ObservedInputs})
 * @param refit        after early stopping has chosen the number of epochs, train again from the same start for
 *                     that many epochs on the training and validation architectures together, and keep that network
 */
public record GinSettings(int layers, int hidden, int epochs, double learningRate, int batch, double dropout,
                          int patience, int skipKnots, boolean refit) {

    static final Set<String> OPTIONS = Set.of("gin-layers", "gin-hidden", "gin-epochs", "gin-lr", "gin-batch",
            "gin-dropout", "gin-patience", "gin-skip-knots", "gin-refit");
    /**
     * A linear skip: hinges at the quintiles raised R² on random NAS-Bench-NLP splits and wrecked it on the shift
     * split, whose cells start beyond the training range (README, "The GIN regressor").
     */
    static final int DEFAULT_SKIP_KNOTS = 0;

    /**
     * The default depth, by the GIN's role (README, "The GIN regressor", "Depth"): a GIN regressor takes one layer,
     * which beat four on EC-NAS (final R² 0.623 against 0.272 over 10 splits), the real DARTS cells (every split) and
     * NAS-Bench-NLP with 3 observed epochs (final R² on 9 of 10 splits), and was level on simulated NB201; GINs that
     * encode architectures for the trees take four ({@link GinTrainer#forEncoding}), which beat one on every one of
     * 10 NLP splits in R².
     */
    public static final int AUTO_LAYERS = -1;

    public GinSettings {
        if (layers < AUTO_LAYERS || hidden < 1 || epochs < 1 || !(learningRate > 0) || batch < 2
                || !(dropout >= 0 && dropout < 1) || patience < 1 || skipKnots < 0) {
            throw new IllegalArgumentException("a GIN needs layers >= 0 (or automatic), hidden >= 1, epochs >= 1, "
                    + "learning rate > 0, batch >= 2, dropout in [0, 1), patience >= 1 and skip knots >= 0");
        }
    }

    /** These settings with the default skip knots. */
    public GinSettings(int layers, int hidden, int epochs, double learningRate, int batch, double dropout, int patience) {
        this(layers, hidden, epochs, learningRate, batch, dropout, patience, DEFAULT_SKIP_KNOTS, false);
    }

    /**
     * The defaults: NAS-Bench-301's GIN (hidden 24, dropout 0.035, batch 51, which beat batch 128 on the simulated
     * NB201 benchmark, docs/PERFORMANCE.md) with 100 epochs and an Adam step of 0.01, chosen for fit time rather
     * than tuned, and the depth by what the GIN reads ({@link #AUTO_LAYERS}).
     */
    public static GinSettings defaults() {
        return new GinSettings(AUTO_LAYERS, 24, 100, 0.01, 51, 0.035, 20);
    }

    /** The message-passing layers of a GIN regressor, or of a GIN that encodes architectures for the trees. */
    public int layersFor(boolean encodes) {
        return layers != AUTO_LAYERS ? layers : encodes ? 4 : 1;
    }

    /** These settings with the depth of a GIN regressor, or of a GIN that encodes for the trees. */
    GinSettings resolved(boolean encodes) {
        return new GinSettings(layersFor(encodes), hidden, epochs, learningRate, batch, dropout, patience,
                skipKnots, refit);
    }

    /** The defaults with the options given; an unknown or out-of-range option fails naming it. */
    public static GinSettings of(LearnerOptions options) {
        options.requireOnly("regressor 'gin'", OPTIONS);
        GinSettings d = defaults();
        return new GinSettings(options.getInt("gin-layers", d.layers, 0, 64),
                options.getInt("gin-hidden", d.hidden, 1, 4096),
                options.getInt("gin-epochs", d.epochs, 1, 1_000_000),
                options.getDouble("gin-lr", d.learningRate, 0, 10),
                options.getInt("gin-batch", d.batch, 2, 1_000_000),
                dropout(options, d.dropout),
                options.getInt("gin-patience", d.patience, 1, 1_000_000),
                options.getInt("gin-skip-knots", d.skipKnots, 0, 50),
                flag(options, "gin-refit", d.refit));
    }

    private static boolean flag(LearnerOptions options, String name, boolean fallback) {
        if (!options.has(name)) {
            return fallback;
        }
        String v = options.getString(name, "").strip();
        if (!v.equals("true") && !v.equals("false")) {
            throw new LearnerOptions.LearnerOptionException(name, "option '" + name + "' must be true or false, not '"
                    + v + "'");
        }
        return v.equals("true");
    }

    private static double dropout(LearnerOptions options, double fallback) {
        if (!options.has("gin-dropout")) {
            return fallback;
        }
        String v = options.getString("gin-dropout", "").strip();
        double p;
        try {
            p = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new LearnerOptions.LearnerOptionException("gin-dropout", "option 'gin-dropout' must be a number, not '" + v + "'");
        }
        if (!(p >= 0 && p < 1)) {
            throw new LearnerOptions.LearnerOptionException("gin-dropout", "option 'gin-dropout' must be in [0, 1), got " + v);
        }
        return p;
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", layers == AUTO_LAYERS ? "auto" : layers);
        m.put("hidden", hidden);
        m.put("epochs", epochs);
        m.put("learning_rate", learningRate);
        m.put("batch", batch);
        m.put("dropout", dropout);
        m.put("patience", patience);
        m.put("skip_knots", skipKnots);
        m.put("refit", refit);
        return m;
    }
}
