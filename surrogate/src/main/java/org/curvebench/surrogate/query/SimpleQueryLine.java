package org.curvebench.surrogate.query;

/**
 * The common shape of a batch line read without a JSON parser: {@code {"arch": "text"}}, optionally with
 * {@code "seed": n}, in either order, with any JSON whitespace, the text holding no escapes or control
 * characters. Anything else (escapes, other fields, other value types, duplicate keys, numbers out of range) is
 * not matched and goes to the full JSON reader, so that the answer and every error message are the reader's.
 *
 * @param arch the architecture's text
 * @param seed the seed, when {@code seedGiven}
 */
record SimpleQueryLine(String arch, long seed, boolean seedGiven) {

    /** The line's parts, or null when it is not of the simple shape. */
    static SimpleQueryLine match(String line) {
        Scanner s = new Scanner(line);
        s.skipSpace();
        if (!s.take('{')) {
            return null;
        }
        String arch = null;
        long seed = 0;
        boolean seedGiven = false;
        do {
            s.skipSpace();
            String key = s.plainString();
            s.skipSpace();
            if (key == null || !s.take(':')) {
                return null;
            }
            s.skipSpace();
            if (key.equals("arch") && arch == null) {
                arch = s.plainString();
                if (arch == null) {
                    return null;
                }
            } else if (key.equals("seed") && !seedGiven) {
                if (!s.integer()) {
                    return null;
                }
                seed = s.value;
                seedGiven = true;
            } else {
                return null;
            }
            s.skipSpace();
        } while (s.take(','));
        if (!s.take('}')) {
            return null;
        }
        s.skipSpace();
        return s.atEnd() && arch != null ? new SimpleQueryLine(arch, seed, seedGiven) : null;
    }

    private static final class Scanner {
        private final String text;
        private int at;
        long value;

        Scanner(String text) {
            this.text = text;
        }

        void skipSpace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    return;
                }
                at++;
            }
        }

        boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        boolean atEnd() {
            return at == text.length();
        }

        /** A string without escapes or control characters, or null (position then undefined). */
        String plainString() {
            if (!take('"')) {
                return null;
            }
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '"') {
                    return text.substring(start, at++);
                }
                if (c == '\\' || c < 0x20) {
                    return null;
                }
                at++;
            }
            return null;
        }

        /** A JSON integer of at most 18 digits (so that it fits a long), into {@link #value}. */
        boolean integer() {
            boolean negative = take('-');
            int start = at;
            long v = 0;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                v = v * 10 + (text.charAt(at) - '0');
                at++;
            }
            int digits = at - start;
            if (digits == 0 || digits > 18 || (digits > 1 && text.charAt(start) == '0')) {
                return false;
            }
            if (at < text.length()) {
                char c = text.charAt(at);
                if (c == '.' || c == 'e' || c == 'E') {
                    return false;
                }
            }
            value = negative ? -v : v;
            return true;
        }
    }
}
