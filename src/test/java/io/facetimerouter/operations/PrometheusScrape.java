package io.facetimerouter.operations;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One scrape of {@code /actuator/prometheus}, read as samples by metric name and labels. */
record PrometheusScrape(List<Sample> samples) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusScrape parse(String text) {
        return new PrometheusScrape(Arrays.stream(text.split("\n")).filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(SAMPLE::matcher).filter(Matcher::matches).map(sample -> {
                    Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                    Map<String, String> labels = new HashMap<>();
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                    return new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3)));
                }).toList());
    }

    /** The sum of the samples of {@code name} carrying every label given (name, value, name, value...); 0 when none. */
    double value(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** How much the samples of {@code name} with these labels grew from an earlier scrape to this one. */
    double increaseSince(PrometheusScrape earlier, String name, String... labels) {
        return value(name, labels) - earlier.value(name, labels);
    }

    List<Sample> matching(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).collect(Collectors.toList());
    }

}
