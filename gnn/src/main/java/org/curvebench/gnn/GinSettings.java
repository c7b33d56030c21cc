package org.curvebench.gnn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.curvebench.core.LearnerOptions;

/**
 * How a GIN is shaped and trained. Options by name (command line {@code --gin-layers} etc. or
 * {@code --regressor-option gin-layers=...}): {@code gin-layers}, {@code gin-hidden}, {@code gin-epochs},
 * {@code gin-lr}, {@code gin-batch}, {@code gin-dropout}, {@code gin-patience}, {@code gin-skip-knots}.
 *
 * @param layers       message-passing layers, or {@link #AUTO_LAYERS}: 1 when the GIN takes observed epochs, 4
 *                     when it reads the cell alone ({@link #layersFor})
 * @param hidden       width of node states, of the head's hidden layer
 * @param epochs       most passes over the training architectures
 * @param learningRate Adam's step size
 * @param batch        architectures per step
 * @param dropout      dropout rate of the head's hidden layer while training
 * @param patience     stop after this many epochs without a better validation loss
 * @param skipKnots    hinges per observed value and change in the skip from the observed epochs (0: a linear
 *                     skip), at that many quantiles of the training values ({@link ObservedInputs})
 */
public record GinSettings(int layers, int hidden, int epochs, double learningRate, int batch, double dropout,
                          int patience, int skipKnots) {

    static final Set<String> OPTIONS = Set.of("gin-layers", "gin-hidden", "gin-epochs", "gin-lr", "gin-batch",
            "gin-dropout", "gin-patience", "gin-skip-knots");
    /**
     * A linear skip: hinges at the quintiles raised R² on random NAS-Bench-NLP splits and wrecked it on the shift
     * split, whose cells start beyond the training range (README, "The GIN regressor").
     */
    static final int DEFAULT_SKIP_KNOTS = 0;

    /**
     * The default depth, by what the GIN reads (README, "The GIN regressor"): with 3 observed NAS-Bench-NLP epochs one
     * layer beat four on 8 and 9 of 10 splits in avg and final R² (taus level); from the cell alone four layers
     * ranked NLP cells better (avg tau 0.365 against 0.308 over 10 splits, 0.418 against 0.172 over the first 3). GINs that encode architectures for the trees take four
     * either way ({@link GinTrainer#forEncoding}): there four layers beat one on every one of the 10 NLP splits in R².
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
        this(layers, hidden, epochs, learningRate, batch, dropout, patience, DEFAULT_SKIP_KNOTS);
    }

    /**
     * The defaults: NAS-Bench-301's GIN (hidden 24, dropout 0.035, batch 51, which beat batch 128 on the simulated
     * NB201 benchmark, docs/PERFORMANCE.md) with 100 epochs and an Adam step of 0.01, chosen for fit time rather
     * than tuned, and the depth by what the GIN reads ({@link #AUTO_LAYERS}).
     */
    public static GinSettings defaults() {
        return new GinSettings(AUTO_LAYERS, 24, 100, 0.01, 51, 0.035, 20);
    }

    /** The message-passing layers of a GIN with or without observed epochs among its inputs. */
    public int layersFor(boolean observesEpochs) {
        return layers != AUTO_LAYERS ? layers : observesEpochs ? 1 : 4;
    }

    /** These settings with the depth for a GIN with or without observed epochs. */
    GinSettings resolved(boolean observesEpochs) {
        return new GinSettings(layersFor(observesEpochs), hidden, epochs, learningRate, batch, dropout, patience,
                skipKnots);
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
                options.getInt("gin-skip-knots", d.skipKnots, 0, 50));
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
        return m;
    }
}
