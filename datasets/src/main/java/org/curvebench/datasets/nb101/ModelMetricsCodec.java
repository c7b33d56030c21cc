package org.curvebench.datasets.nb101;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-written protobuf (proto2) codec for NAS-Bench-101's {@code ModelMetrics}:
 * {@code repeated EvaluationData evaluation_data = 1; int32 trainable_parameters = 2; double total_time = 3}, and
 * {@code EvaluationData}: doubles {@code current_epoch = 1, training_time = 2, train_accuracy = 3,
 * validation_accuracy = 4, test_accuracy = 5}, {@code string checkpoint_path = 6} (skipped). Unknown fields are
 * skipped as protobuf requires.
 */
final class ModelMetricsCodec {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    /** What the decoder finds in one message. */
    record Decoded(List<Nb101Evaluation> evaluations, int trainableParameters, double totalTime) {
    }

    /** Malformed protobuf; the message says what and where in the message. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private ModelMetricsCodec() {
    }

    static Decoded decode(byte[] bytes) throws MalformedException {
        Sink sink = new Sink();
        decode(bytes, bytes.length, sink);
        List<Nb101Evaluation> evaluations = new ArrayList<>(sink.evaluations);
        for (int e = 0; e < sink.evaluations; e++) {
            evaluations.add(sink.evaluation(e));
        }
        return new Decoded(evaluations, sink.trainableParameters, sink.totalTime);
    }

    /**
     * Decodes {@code bytes[0..length)} into {@code sink}, reusing its storage; the same rules and messages as
     * {@link #decode(byte[])}, without allocating once the sink has grown to the message's evaluations.
     */
    static void decode(byte[] bytes, int length, Sink sink) throws MalformedException {
        Cursor c = sink.cursor;
        c.reset(bytes, 0, length);
        sink.evaluations = 0;
        sink.trainableParameters = 0;
        sink.totalTime = 0;
        while (c.more()) {
            long tag = c.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> {
                    expect(wire, LENGTH_DELIMITED, "ModelMetrics.evaluation_data");
                    int size = c.length();
                    int at = sink.add();
                    int end = c.end;
                    c.end = c.pos + size;
                    evaluation(c, sink.values, at);
                    c.end = end;
                }
                case 2 -> {
                    expect(wire, VARINT, "ModelMetrics.trainable_parameters");
                    sink.trainableParameters = (int) c.varint();
                }
                case 3 -> {
                    expect(wire, FIXED64, "ModelMetrics.total_time");
                    sink.totalTime = c.fixedDouble();
                }
                default -> c.skip(wire, field);
            }
        }
    }

    /** Reads one {@code EvaluationData} up to the cursor's end into {@code v[at..at + 5)}, which holds zeros. */
    private static void evaluation(Cursor c, double[] v, int at) throws MalformedException {
        while (c.more()) {
            long tag = c.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field >= 1 && field <= 5) {
                if (wire != FIXED64) {
                    expect(wire, FIXED64, "EvaluationData field " + field);
                }
                v[at + field - 1] = c.fixedDouble();
            } else {
                c.skip(wire, field);
            }
        }
    }

    private static void expect(int wire, int expected, String field) throws MalformedException {
        if (wire != expected) {
            throw new MalformedException(field + " has protobuf wire type " + wire + ", expected " + expected);
        }
    }

    static byte[] encode(List<Nb101Evaluation> evaluations, int trainableParameters, double totalTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Nb101Evaluation e : evaluations) {
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            double[] v = {e.currentEpoch(), e.trainingTime(), e.trainAccuracy(), e.validationAccuracy(), e.testAccuracy()};
            for (int f = 0; f < v.length; f++) {
                varint(m, ((long) (f + 1) << 3) | FIXED64);
                fixed64(m, Double.doubleToLongBits(v[f]));
            }
            varint(out, (1 << 3) | LENGTH_DELIMITED);
            varint(out, m.size());
            out.writeBytes(m.toByteArray());
        }
        varint(out, (2 << 3) | VARINT);
        varint(out, trainableParameters);
        varint(out, (3 << 3) | FIXED64);
        fixed64(out, Double.doubleToLongBits(totalTime));
        return out.toByteArray();
    }

    /** Writes a varint; int32 values arrive sign-extended, so negatives take ten bytes as protobuf specifies. */
    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void fixed64(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /**
     * A decoded {@code ModelMetrics}, reused from message to message: the evaluations' five fields each
     * ({@code current_epoch, training_time, train_accuracy, validation_accuracy, test_accuracy}) in one array.
     */
    static final class Sink {
        /** Fields of evaluation {@code e} at {@code [5 e, 5 e + 5)}. */
        double[] values = new double[15];
        int evaluations;
        int trainableParameters;
        double totalTime;
        private final Cursor cursor = new Cursor();

        /** Appends an evaluation of zeros; returns the index of its first field in {@link #values}. */
        private int add() {
            int at = evaluations * 5;
            if (at + 5 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            Arrays.fill(values, at, at + 5, 0.0);
            evaluations++;
            return at;
        }

        /** Holds {@code evaluations} and the two scalars instead of what it held. */
        void set(List<Nb101Evaluation> list, int parameters, double time) {
            evaluations = 0;
            for (Nb101Evaluation e : list) {
                int at = add();
                values[at] = e.currentEpoch();
                values[at + 1] = e.trainingTime();
                values[at + 2] = e.trainAccuracy();
                values[at + 3] = e.validationAccuracy();
                values[at + 4] = e.testAccuracy();
            }
            trainableParameters = parameters;
            totalTime = time;
        }

        /** Field {@code field} (0 current_epoch .. 4 test_accuracy) of evaluation {@code e}. */
        double value(int e, int field) {
            return values[e * 5 + field];
        }

        Nb101Evaluation evaluation(int e) {
            int at = e * 5;
            return new Nb101Evaluation(values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4]);
        }
    }

    private static final class Cursor {
        private byte[] b;
        private int pos;
        private int end;

        void reset(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() throws MalformedException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new MalformedException("protobuf varint runs past the end of its message at byte " + pos);
                }
                int x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new MalformedException("protobuf varint longer than 10 bytes at byte " + pos);
        }

        int length() throws MalformedException {
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw new MalformedException("protobuf length " + n + " at byte " + pos + " exceeds the "
                        + (end - pos) + " bytes left in its message");
            }
            return (int) n;
        }

        double fixedDouble() throws MalformedException {
            need(8);
            double d = Double.longBitsToDouble(TfRecordFraming.readLong(b, pos));
            pos += 8;
            return d;
        }

        void skip(int wire, int field) throws MalformedException {
            switch (wire) {
                case VARINT -> varint();
                case FIXED64 -> {
                    need(8);
                    pos += 8;
                }
                case LENGTH_DELIMITED -> pos += length();
                case FIXED32 -> {
                    need(4);
                    pos += 4;
                }
                default -> throw new MalformedException("unsupported protobuf wire type " + wire + " for field "
                        + field + " at byte " + pos);
            }
        }

        private void need(int n) throws MalformedException {
            if (end - pos < n) {
                throw new MalformedException("protobuf value needs " + n + " bytes at byte " + pos + " but only "
                        + (end - pos) + " are left");
            }
        }
    }
}
