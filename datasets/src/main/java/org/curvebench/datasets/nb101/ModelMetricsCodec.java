package org.curvebench.datasets.nb101;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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
        Cursor c = new Cursor(bytes, 0, bytes.length);
        List<Nb101Evaluation> evaluations = new ArrayList<>();
        int params = 0;
        double totalTime = 0;
        while (c.more()) {
            long tag = c.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> {
                    expect(wire, LENGTH_DELIMITED, "ModelMetrics.evaluation_data");
                    int length = c.length();
                    evaluations.add(evaluation(new Cursor(bytes, c.pos, c.pos + length)));
                    c.pos += length;
                }
                case 2 -> {
                    expect(wire, VARINT, "ModelMetrics.trainable_parameters");
                    params = (int) c.varint();
                }
                case 3 -> {
                    expect(wire, FIXED64, "ModelMetrics.total_time");
                    totalTime = c.fixedDouble();
                }
                default -> c.skip(wire, field);
            }
        }
        return new Decoded(evaluations, params, totalTime);
    }

    private static Nb101Evaluation evaluation(Cursor c) throws MalformedException {
        double[] v = new double[5];
        while (c.more()) {
            long tag = c.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field >= 1 && field <= 5) {
                expect(wire, FIXED64, "EvaluationData field " + field);
                v[field - 1] = c.fixedDouble();
            } else {
                c.skip(wire, field);
            }
        }
        return new Nb101Evaluation(v[0], v[1], v[2], v[3], v[4]);
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

    private static final class Cursor {
        private final byte[] b;
        private int pos;
        private final int end;

        Cursor(byte[] b, int pos, int end) {
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
