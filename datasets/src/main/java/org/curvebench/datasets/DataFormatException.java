package org.curvebench.datasets;

/** Malformed input data; the message starts with the file and line (or record) at fault. */
public class DataFormatException extends RuntimeException {

    public DataFormatException(String source, long line, String message) {
        super(source + ":" + line + ": " + message);
    }

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
