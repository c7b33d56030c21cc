package org.curvebench.server;

import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.query.QueryService;

/** A loaded surrogate under the name requests use, with the query service that answers for it. */
public record NamedSurrogate(String name, CurveSurrogate surrogate, QueryService queries) {

    public NamedSurrogate(String name, CurveSurrogate surrogate) {
        this(name, surrogate, new QueryService(surrogate));
    }
}
