package org.curvebench.surrogate.query;

/**
 * A query the surrogate cannot answer: a malformed request, an invalid architecture, the wrong number of observed
 * epochs. Names the field at fault and the query's position (0-based item, or the 1-based line of a batch file),
 * so that each adapter can point at it its own way.
 */
public final class QueryException extends IllegalArgumentException {

    private final String field;
    private final long index;

    public QueryException(String field, long index, String message) {
        super(message);
        this.field = field;
        this.index = index;
    }

    /** The field at fault ({@code arch}, {@code seed}, {@code observed}), or null for the query as a whole. */
    public String field() {
        return field;
    }

    /** The query's position in its batch, or -1 for a single query. */
    public long index() {
        return index;
    }

    /** The message with the field named, e.g. {@code field 'seed': must be a whole number}. */
    public String describe() {
        return field == null ? getMessage() : "field '" + field + "': " + getMessage();
    }
}
