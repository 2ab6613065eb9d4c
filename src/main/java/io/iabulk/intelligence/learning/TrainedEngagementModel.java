package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A trained model: the frozen population statistics its features shrink towards, and per target
 * (open, click) a margin (trees or linear) with its Platt calibration. Stateless between calls, so
 * one instance serves every thread.
 */
final class TrainedEngagementModel implements EngagementModel {

    /** "IAEM": the first four bytes of every stored model. */
    static final int MAGIC = 0x4941454D;

    /** The layout of the bytes; a model of another version is refused (retrain it). */
    static final int VERSION = 1;

    private final String algorithm;
    private final PopulationStats population;
    private final Margin open;
    private final Platt openCalibration;
    private final Margin click;
    private final Platt clickCalibration;

    TrainedEngagementModel(
            String algorithm,
            PopulationStats population,
            Margin open,
            Platt openCalibration,
            Margin click,
            Platt clickCalibration) {
        this.algorithm = algorithm;
        this.population = population;
        this.open = open;
        this.openCalibration = openCalibration;
        this.click = click;
        this.clickCalibration = clickCalibration;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public List<String> features() {
        return Features.NAMES;
    }

    PopulationStats population() {
        return population;
    }

    Margin open() {
        return open;
    }

    Margin click() {
        return click;
    }

    double openProbability(float[] row, int offset) {
        return openCalibration.probability(open.margin(row, offset));
    }

    double clickProbability(float[] row, int offset) {
        return clickCalibration.probability(click.margin(row, offset));
    }

    @Override
    public List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes) {
        int n = sendTimes.size();
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = sendTimes.get(i).getEpochSecond();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (!sorted(times)) {
            Arrays.sort(order, (x, y) -> Long.compare(times[x], times[y]));
        }
        ContactHistory history = new ContactHistory(timeline);
        float[] row = new float[Features.COUNT];
        SendProbabilities[] result = new SendProbabilities[n];
        Features.ContactState state = null;
        Margin.Specialised openByHour = null;
        Margin.Specialised clickByHour = null;
        for (int i : order) {
            Features.ContactState next = Features.state(history, population, times[i], state);
            Features.fill(history, next, times[i], row, 0);
            if (next != state) {
                // a new local day or a new event: decide every split but the hour's once
                openByHour = open.specialise(row, 0, Features.HOUR_FEATURES, openByHour);
                clickByHour = click.specialise(row, 0, Features.HOUR_FEATURES, clickByHour);
                state = next;
            }
            result[i] = new SendProbabilities(
                    sendTimes.get(i),
                    openCalibration.probability(openByHour.margin(row, 0)),
                    clickCalibration.probability(clickByHour.margin(row, 0)));
        }
        return Arrays.asList(result);
    }

    private static boolean sorted(long[] times) {
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(algorithm);
            out.writeInt(Features.COUNT);
            for (String name : Features.NAMES) {
                out.writeUTF(name);
            }
            out.writeDouble(population.open());
            out.writeDouble(population.click());
            for (double share : population.openHourShare()) {
                out.writeDouble(share);
            }
            for (double share : population.openDayShare()) {
                out.writeDouble(share);
            }
            open.write(out);
            out.writeDouble(openCalibration.a());
            out.writeDouble(openCalibration.b());
            click.write(out);
            out.writeDouble(clickCalibration.a());
            out.writeDouble(clickCalibration.b());
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrainedEngagementModel read(byte[] bytes) {
        if (bytes == null || bytes.length < 16) {
            throw new IllegalArgumentException("not an engagement model: too short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = 0;
        for (int i = bytes.length - 8; i < bytes.length; i++) {
            stored = (stored << 8) | (bytes[i] & 0xff);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an engagement model");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "an engagement model of version " + version + ", this reads " + VERSION + ": train a new one");
            }
            if (stored != crc.getValue()) {
                throw new IllegalArgumentException("a corrupt engagement model (checksum)");
            }
            String algorithm = in.readUTF();
            int count = in.readInt();
            String[] names = new String[Math.max(0, Math.min(count, 10_000))];
            for (int i = 0; i < names.length; i++) {
                names[i] = in.readUTF();
            }
            if (!List.of(names).equals(Features.NAMES)) {
                throw new IllegalArgumentException("an engagement model with other features: train a new one");
            }
            double openRate = in.readDouble();
            double clickRate = in.readDouble();
            double[] hours = new double[24];
            for (int h = 0; h < 24; h++) {
                hours[h] = in.readDouble();
            }
            double[] days = new double[7];
            for (int d = 0; d < 7; d++) {
                days[d] = in.readDouble();
            }
            Margin open = Margin.read(in);
            Platt openCalibration = new Platt(in.readDouble(), in.readDouble());
            Margin click = Margin.read(in);
            Platt clickCalibration = new Platt(in.readDouble(), in.readDouble());
            if (in.available() != 0) {
                throw new IllegalArgumentException("an engagement model with trailing bytes");
            }
            return new TrainedEngagementModel(
                    algorithm,
                    new PopulationStats(openRate, clickRate, hours, days),
                    open,
                    openCalibration,
                    click,
                    clickCalibration);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("a corrupt engagement model: " + e.getMessage(), e);
        }
    }
}
