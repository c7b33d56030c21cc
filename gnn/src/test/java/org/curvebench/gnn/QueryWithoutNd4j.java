package org.curvebench.gnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import org.curvebench.surrogate.CurveSurrogate;
import org.curvebench.surrogate.SurrogateFiles;

/** Loads a surrogate file and prints one mean curve, in a JVM whose class path has no ND4J (GinTrainerTest). */
final class QueryWithoutNd4j {

    private QueryWithoutNd4j() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.nd4j.linalg.factory.Nd4j");
            System.err.println("ND4J is on the class path");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            CurveSurrogate s = SurrogateFiles.installed().load(Path.of(args[0]));
            double[] curve = s.meanCurve(s.space().parse(new ObjectMapper().readTree(args[1]))).toArray();
            System.out.println(Arrays.toString(curve));
        }
    }
}
