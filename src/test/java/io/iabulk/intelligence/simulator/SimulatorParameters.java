package io.iabulk.intelligence.simulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The simulator's parameters, read from one properties file ({@code
 * bench/intelligence/simulator.properties}) with per-run overrides. The file is the only place
 * where a value is written: a key missing from it is an error when read, and an override must name
 * a key of the file (a typo fails instead of being ignored).
 */
public record SimulatorParameters(Map<String, String> values) {

    public static final Path DEFAULT_FILE = Path.of("bench/intelligence/simulator.properties");

    public SimulatorParameters {
        values = Map.copyOf(values);
    }

    /** Reads the file, then applies {@code key=value} overrides. */
    public static SimulatorParameters load(Path file, List<String> overrides) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name).strip());
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("an override is key=value, got '" + override + "'");
            }
            String key = override.substring(0, eq).strip();
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' (see " + file + ")");
            }
            values.put(key, override.substring(eq + 1).strip());
        }
        return new SimulatorParameters(values);
    }

    /** The default file with overrides, for tests (run from the project root). */
    public static SimulatorParameters defaults(String... overrides) {
        try {
            return load(DEFAULT_FILE, List.of(overrides));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("parameter '" + key + "' is missing from the parameters file");
        }
        return value;
    }

    public double real(String key) {
        return Double.parseDouble(text(key));
    }

    public int integer(String key) {
        return Integer.parseInt(text(key));
    }

    public long longValue(String key) {
        return Long.parseLong(text(key));
    }

    public Instant instant(String key) {
        return Instant.parse(text(key));
    }

    public List<Instant> instants(String key) {
        return Arrays.stream(text(key).split(","))
                .map(String::strip)
                .map(Instant::parse)
                .toList();
    }

    /** {@code name:weight,name:weight} in file order (a name may itself contain ':' before the last one). */
    public Map<String, Double> weights(String key) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String item : text(key).split(",")) {
            String entry = item.strip();
            int colon = entry.lastIndexOf(':');
            weights.put(entry.substring(0, colon).strip(), Double.parseDouble(entry.substring(colon + 1)));
        }
        return weights;
    }

    /** {@code from:to:weight,...} hour ranges. */
    public List<double[]> ranges(String key) {
        List<double[]> ranges = new ArrayList<>();
        for (String item : text(key).split(",")) {
            String[] parts = item.strip().split(":");
            ranges.add(new double[] {
                Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])
            });
        }
        return ranges;
    }

    /** {@code key:a|b|c,key2:d} lists. */
    public Map<String, List<String>> lists(String key) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String item : text(key).split(",")) {
            String entry = item.strip();
            int colon = entry.lastIndexOf(':');
            lists.put(
                    entry.substring(0, colon).strip(),
                    List.of(entry.substring(colon + 1).strip().split("\\|")));
        }
        return lists;
    }

    /** The values as {@code key=value} lines, for the README of a published data set. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(values)
                .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }
}
