package dev.solvent.harness.report;

import java.util.List;

/**
 * A plot of the report: {@link Style#LINES} draws each series as a line; {@link Style#STACKED} stacks the series
 * as areas (all series share the same times), e.g. accounts per margin-ratio band or liquidations per mode.
 */
public record Chart(String title, String unit, Style style, List<Series> series) {

  public enum Style { LINES, STACKED }

  public Chart {
    series = List.copyOf(series);
  }
}
