package org.curvebench.gnn;

import java.util.List;
import org.curvebench.core.LearnerOptions;
import org.curvebench.models.CurveRegressor;
import org.curvebench.models.RegressorProvider;
import org.curvebench.models.RegressorTrainer;

/**
 * {@code gin}: a graph isomorphism network over the space's cell graphs, trained with ND4J, queried in plain Java.
 * Loading this provider or a fitted GIN loads no ND4J class; only fitting does.
 */
public final class GinProvider implements RegressorProvider {

    @Override
    public String name() {
        return GinTrainer.NAME;
    }

    @Override
    public String description() {
        return "graph isomorphism network over the cell graph (ND4J to fit, plain Java to query); options gin-layers, "
                + "gin-hidden, gin-epochs, gin-lr, gin-batch, gin-dropout, gin-patience, gin-skip-knots";
    }

    @Override
    public boolean embeds() {
        return true;
    }

    /**
     * Five, folds resampled, as NAS-Bench-301's deep ensembles of GINs: on every real data set measured the ensemble
     * beat a single GIN on most figures (README, "Ensembles").
     */
    @Override
    public int defaultMembers() {
        return DEFAULT_MEMBERS;
    }

    static final int DEFAULT_MEMBERS = 5;

    @Override
    public RegressorTrainer trainer(LearnerOptions options) {
        return new GinTrainer(GinSettings.of(options));
    }

    @Override
    public List<Class<? extends CurveRegressor>> modelTypes() {
        return List.of(GinRegressor.class);
    }
}
