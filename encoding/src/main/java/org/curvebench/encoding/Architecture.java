package org.curvebench.encoding;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One point of a search space, validated by its {@link SearchSpace}. Implementations are immutable values;
 * two architectures that the space considers the same (isomorphic cells, renamed nodes) share a
 * {@link #canonicalKey()}, which is what groups several training seeds of one architecture.
 */
public interface Architecture {

    /** The key under which equivalent architectures are grouped; stable across runs and machines. */
    String canonicalKey();

    /** The architecture in the JSON form its space's {@link SearchSpace#parse(JsonNode)} accepts. */
    JsonNode toJson();
}
