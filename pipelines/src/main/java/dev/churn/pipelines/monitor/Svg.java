package dev.churn.pipelines.monitor;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the report: no scripts, no fonts or files from elsewhere. */
final class Svg {
  static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948"};
  /** High, medium and low risk. */
  static final String[] RISK_COLOURS = {"#e15759", "#f28e2b", "#9fbfdc"};
  private static final int WIDTH = 560;

  private Svg() {}

  /** One labelled bar. */
  static final class Bar {
    final String label;
    final double[] parts;

    Bar(String label, double... parts) {
      this.label = label;
      this.parts = parts;
    }
  }

  /**
   * Horizontal bars, each stacked from its parts (one colour per part, named in {@code legend}), scaled
   * to the largest total; the total is written after each bar with {@code format}.
   */
  static String bars(String title, List<Bar> bars, List<String> legend, String format) {
    return bars(title, bars, legend, format, COLOURS);
  }

  /** {@link #bars(String, List, List, String)} with a colour per part. */
  static String bars(String title, List<Bar> bars, List<String> legend, String format, String[] colours) {
    int rowHeight = 22;
    int labelWidth = 190;
    int top = legend.size() > 1 ? 28 : 8;
    int height = top + rowHeight * bars.size() + 8;
    double max = bars.stream().mapToDouble(b -> sum(b.parts)).max().orElse(1);
    StringBuilder svg = open(title, height);
    for (int i = 0; i < legend.size() && legend.size() > 1; i++) {
      svg.append(f("<rect x='%d' y='6' width='12' height='12' fill='%s'/><text x='%d' y='16'>%s</text>",
          labelWidth + i * 110, colours[i % colours.length], labelWidth + i * 110 + 16, Html.escape(legend.get(i))));
    }
    double scale = (WIDTH - labelWidth - 70) / (max <= 0 ? 1 : max);
    for (int b = 0; b < bars.size(); b++) {
      Bar bar = bars.get(b);
      int y = top + b * rowHeight;
      svg.append(f("<text x='%d' y='%d' text-anchor='end'>%s</text>", labelWidth - 6, y + 15, Html.escape(shorten(bar.label))));
      double x = labelWidth;
      for (int p = 0; p < bar.parts.length; p++) {
        double w = bar.parts[p] * scale;
        svg.append(f("<rect x='%.1f' y='%d' width='%.1f' height='16' fill='%s'><title>%s</title></rect>",
            x, y + 2, w, colours[p % colours.length], Html.escape(bar.label + ": " + f(format, bar.parts[p]))));
        x += w;
      }
      svg.append(f("<text x='%.1f' y='%d'>%s</text>", x + 4, y + 15, f(format, sum(bar.parts))));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Lines in the unit square (x and y from 0 to 1) with the diagonal dashed: ROC and calibration curves.
   * Each series is a list of (x, y) points.
   */
  static String unitCurves(String title, String xLabel, String yLabel, List<String> names, List<double[][]> series) {
    int size = 260;
    int margin = 40;
    StringBuilder svg = open(title, size + margin + 10);
    svg.append(f("<rect x='%d' y='10' width='%d' height='%d' fill='none' stroke='#999'/>", margin, size, size));
    svg.append(f("<line x1='%d' y1='%d' x2='%d' y2='10' stroke='#bbb' stroke-dasharray='4 3'/>", margin, size + 10, margin + size));
    for (int t = 0; t <= 4; t++) {
      double v = t / 4.0;
      svg.append(f("<text x='%.1f' y='%d' text-anchor='middle'>%.2f</text>", margin + v * size, size + 24, v));
      svg.append(f("<text x='%d' y='%.1f' text-anchor='end'>%.2f</text>", margin - 4, size + 14 - v * size, v));
    }
    svg.append(f("<text x='%d' y='%d' text-anchor='middle'>%s</text>", margin + size / 2, size + 40, Html.escape(xLabel)));
    svg.append(f("<text x='12' y='%d' transform='rotate(-90 12 %d)' text-anchor='middle'>%s</text>", 10 + size / 2, 10 + size / 2, Html.escape(yLabel)));
    for (int s = 0; s < series.size(); s++) {
      StringBuilder points = new StringBuilder();
      for (double[] point : series.get(s)) {
        points.append(f("%.1f,%.1f ", margin + point[0] * size, 10 + size - point[1] * size));
      }
      String colour = COLOURS[s % COLOURS.length];
      svg.append(f("<polyline class='series' points='%s' fill='none' stroke='%s' stroke-width='2'/>", points.toString().trim(), colour));
      svg.append(f("<text x='%d' y='%d' fill='%s'>%s</text>", margin + size + 10, 24 + 16 * s, colour, Html.escape(names.get(s))));
    }
    return svg.append("</svg>").toString();
  }

  /** Two distributions over the same bins, side by side per bin (shares, not counts). */
  static String distributions(String title, List<String> binLabels, List<String> names, double[]... shares) {
    int height = 200;
    int plot = 150;
    int margin = 40;
    double max = 0;
    for (double[] s : shares) {
      for (double v : s) {
        max = Math.max(max, v);
      }
    }
    StringBuilder svg = open(title, height);
    int bins = binLabels.size();
    double binWidth = (WIDTH - margin - 10) / (double) Math.max(1, bins);
    for (int b = 0; b < bins; b++) {
      for (int s = 0; s < shares.length; s++) {
        double h = max == 0 ? 0 : shares[s][b] / max * plot;
        double x = margin + b * binWidth + s * binWidth / shares.length;
        svg.append(f("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s %s: %.1f %%</title></rect>",
            x, 10 + plot - h, binWidth / shares.length - 1, h, COLOURS[s], Html.escape(names.get(s)), Html.escape(binLabels.get(b)), 100 * shares[s][b]));
      }
    }
    svg.append(f("<text x='%d' y='%d'>%s</text>", margin, plot + 26, Html.escape(binLabels.get(0))));
    svg.append(f("<text x='%d' y='%d' text-anchor='end'>%s</text>", WIDTH - 10, plot + 26, Html.escape(binLabels.get(bins - 1))));
    for (int s = 0; s < names.size(); s++) {
      svg.append(f("<rect x='%d' y='%d' width='12' height='12' fill='%s'/><text x='%d' y='%d'>%s</text>",
          margin + s * 120, plot + 34, COLOURS[s], margin + s * 120 + 16, plot + 44, Html.escape(names.get(s))));
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int height) {
    return new StringBuilder(
        f("<svg class='chart' xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' role='img'><title>%s</title>",
            WIDTH, height, WIDTH, height, Html.escape(title)));
  }

  private static String shorten(String label) {
    return label.length() > 30 ? label.substring(0, 29) + "…" : label;
  }

  private static double sum(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum;
  }

  static String f(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
