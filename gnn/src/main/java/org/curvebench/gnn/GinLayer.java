package org.curvebench.gnn;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The weights of one GIN layer: edge-type embeddings, the learnable eps, the two-layer MLP with a batch
 * normalisation between, and that normalisation's population statistics (used at query time). Arrays are
 * {@code [from][to]} for weights and are not copied: the layer belongs to one {@link GinNetwork}.
 */
record GinLayer(@JsonProperty("edgeEmbedding") double[][] edgeEmbedding, @JsonProperty("eps") double eps,
                @JsonProperty("w1") double[][] w1, @JsonProperty("b1") double[] b1,
                @JsonProperty("gamma") double[] gamma, @JsonProperty("beta") double[] beta,
                @JsonProperty("mean") double[] mean, @JsonProperty("variance") double[] variance,
                @JsonProperty("w2") double[][] w2, @JsonProperty("b2") double[] b2) {

    /** This layer with other normalisation statistics. */
    GinLayer withStatistics(double[] newMean, double[] newVariance) {
        return new GinLayer(edgeEmbedding, eps, w1, b1, gamma, beta, newMean, newVariance, w2, b2);
    }
}
