package io.iabulk.dashboard.console.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chart as the console's fragment {@code chart(spec, …)} takes it (the JSON console.js renders
 * with ECharts), with the same data as rows for the visually-hidden table that follows every chart.
 *
 * @param type {@code line}, {@code bar} or {@code area}
 * @param x the category labels
 * @param series the named series, each as long as {@code x}
 * @param yFormat {@code count} or {@code percent}
 */
public record Chart(String type, List<String> x, List<Series> series, String yFormat) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One named series of values (null: no value there). */
    public record Series(String name, List<? extends Number> data) {}

    /** One row of the accessible table: the category and a value per series. */
    public record Row(String label, List<Number> values) {}

    /** The spec console.js reads from {@code data-chart}. */
    public String spec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        spec.put("x", x);
        spec.put("series", series);
        spec.put("yFormat", yFormat);
        if ("percent".equals(yFormat)) {
            spec.put("yMax", 1);
        }
        return JSON.writeValueAsString(spec);
    }

    /** The data as table rows, in the order of {@code x}. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            List<Number> values = new ArrayList<>(series.size());
            for (Series s : series) {
                values.add(i < s.data().size() ? s.data().get(i) : null);
            }
            rows.add(new Row(x.get(i), values));
        }
        return rows;
    }

    /** The sum of a series (null values count as 0). */
    public long total(int series) {
        long sum = 0;
        for (Number n : this.series.get(series).data()) {
            sum += n == null ? 0 : n.longValue();
        }
        return sum;
    }

    /** Whether every value of every series is zero or missing. */
    public boolean empty() {
        return series.stream().allMatch(s -> s.data().stream().allMatch(n -> n == null || n.doubleValue() == 0));
    }
}
