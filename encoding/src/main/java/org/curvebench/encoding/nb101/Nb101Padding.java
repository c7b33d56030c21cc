package org.curvebench.encoding.nb101;

/**
 * A cell as the fixed 7-vertex form NAS-Bench-x11's encoders read. A pruned cell of n &lt; 7 vertices keeps its
 * first n-1 vertices in place, its output moves to vertex 6 (the edges into the output move with it), and
 * vertices n-1..5 become unconnected {@code conv3x3-bn-relu} vertices, as in NAS-Bench-x11's
 * {@code convert_to_cell}.
 */
record Nb101Padding(boolean[][] matrix, String[] ops) {

    static final int N = Nb101Cell.MAX_VERTICES;

    static Nb101Padding of(Nb101Cell cell) {
        int n = cell.vertices();
        boolean[][] m = new boolean[N][N];
        String[] ops = new String[N];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j == n - 1 ? N - 1 : j] = cell.edge(i, j);
            }
        }
        for (int v = 0; v < N; v++) {
            ops[v] = v < n - 1 ? cell.ops().get(v) : v < N - 1 ? Nb101Cell.CONV3X3 : Nb101Cell.OUTPUT;
        }
        return new Nb101Padding(m, ops);
    }
}
