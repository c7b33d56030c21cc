package org.curvebench.server;

/**
 * A request the server refuses: an HTTP status (4xx) and the message, the field at fault and the position of the
 * architecture at fault (null when the request as a whole is at fault) that the answer {@code {"error", "index",
 * "field"}} carries.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final Long index;
    final String field;

    ApiError(int status, String message) {
        this(status, message, null, null);
    }

    ApiError(int status, String message, String field, Long index) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.index = index;
    }
}
