package dev.churn.pipelines.monitor;

import static dev.churn.pipelines.monitor.Svg.f;

import dev.churn.models.evaluate.Fairness;
import dev.churn.pipelines.rows.ScoreRows;
import dev.churn.transforms.monitor.Histogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The monitoring report: one self-contained HTML file (styles inline, charts as inline SVG, nothing
 * fetched) with the status and what to do, risk by segment, the highest-risk customers and their
 * reasons, the most frequent reasons, accuracy and calibration curves when labels were given, drift
 * and data quality per input, and fairness per group.
 */
public final class MonitorReport {
  /** Calibration bins with fewer customers are left out of the curve: their churn rate is mostly noise. */
  private static final int MIN_CALIBRATION_ROWS = 20;

  private MonitorReport() {}

  public static String html(MonitorRun run) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>")
        .append(Html.escape("Churn monitoring: run " + run.runId))
        .append("</title><style>").append(Html.STYLE).append("</style></head><body>");
    html.append(f("<h1>Churn monitoring: run %s, model version %s</h1>", Html.escape(run.runId), Html.escape(run.modelVersion)));
    html.append(f("<p>Monitored at %s. %,d customers scored, %s.</p>", Html.escape(run.monitoredAt), run.outcomes.overall.rows,
        run.labelled ? f("%,d with labels", run.outcomes.overall.labelled) : "no labels given"));
    status(html, run);
    riskBySegment(html, run);
    highestRisk(html, run);
    reasons(html, run);
    if (run.labelled) {
      accuracy(html, run);
    }
    drift(html, run);
    dataQuality(html, run);
    fairness(html, run);
    return html.append("</body></html>").toString();
  }

  private static void status(StringBuilder html, MonitorRun run) {
    html.append(f("<section id='status'><div class='status %s'><b>Status: %s</b><br>%s</div>", run.status, run.status, Html.escape(run.advice)));
    List<Check> flagged = run.flagged();
    if (!flagged.isEmpty()) {
      html.append("<table><tr><th>check</th><th>subject</th><th>status</th><th>finding</th></tr>");
      for (Check check : flagged) {
        html.append(f("<tr class='%s'><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
            check.status, check.check, Html.escape(check.subject), check.status, Html.escape(check.finding)));
      }
      html.append("</table>");
    }
    html.append("</section>");
  }

  private static void riskBySegment(StringBuilder html, MonitorRun run) {
    html.append("<section id='risk-by-segment'><h2>Risk by segment</h2>");
    List<Svg.Bar> bars = new ArrayList<>();
    run.outcomes.segments.forEach(
        (segment, o) -> bars.add(new Svg.Bar(segment, band(o, "high"), band(o, "medium"), band(o, "low"))));
    html.append(Svg.bars("Customers per risk band and segment", bars, List.of("high", "medium", "low"), "%.0f", Svg.RISK_COLOURS));
    html.append("<table><tr><th>segment</th><th>customers</th><th>mean churn probability</th><th>high risk</th>");
    html.append(run.labelled ? "<th>churn rate (labels)</th></tr>" : "</tr>");
    run.outcomes.segments.forEach(
        (segment, o) -> {
          html.append(f("<tr><td>%s</td><td class='n'>%,d</td><td class='n'>%.3f</td><td class='n'>%.1f %%</td>",
              Html.escape(segment), o.rows, o.meanProbability(), 100.0 * band(o, "high") / o.rows));
          html.append(run.labelled ? f("<td class='n'>%.1f %%</td></tr>", 100 * o.churnRate()) : "</tr>");
        });
    html.append("</table></section>");
  }

  private static double band(SegmentOutcomes outcomes, String band) {
    return outcomes.bands.getOrDefault(band, 0L);
  }

  private static void highestRisk(StringBuilder html, MonitorRun run) {
    html.append("<section id='highest-risk'><h2>Highest-risk customers</h2><table><tr><th>customer</th><th>segment</th>"
        + "<th>churn probability</th><th>band</th><th>reasons</th>");
    html.append(run.labelled ? "<th>churned</th></tr>" : "</tr>");
    for (Map<String, Object> customer : run.highestRisk) {
      String reasons =
          List.of("reason_1", "reason_2", "reason_3").stream()
              .map(customer::get)
              .filter(r -> r != null)
              .map(Html::escape)
              .collect(Collectors.joining("<br>"));
      html.append(f("<tr><td>%s</td><td>%s</td><td class='n'>%.3f</td><td>%s</td><td>%s</td>",
          Html.escape(customer.get(ScoreRows.CUSTOMER_ID)), Html.escape(customer.get(ScoreRows.SEGMENT)),
          ((Number) customer.get(ScoreRows.CHURN_PROBABILITY)).doubleValue(), Html.escape(customer.get(ScoreRows.RISK_BAND)), reasons));
      html.append(run.labelled ? f("<td>%s</td></tr>", Html.escape(customer.get(ScoreRows.LABEL))) : "</tr>");
    }
    html.append("</table></section>");
  }

  private static void reasons(StringBuilder html, MonitorRun run) {
    html.append("<section id='reasons'><h2>Why customers are at risk: the most frequent reasons</h2>");
    Map<String, Map<String, Long>> top = run.topReasons();
    List<Svg.Bar> bars = new ArrayList<>();
    top.get("all").forEach((reason, count) -> bars.add(new Svg.Bar(reason, 100.0 * count / Math.max(1, run.outcomes.overall.rows))));
    html.append(Svg.bars("Share of customers with each reason among their top three", bars, List.of("customers"), "%.1f %%"));
    html.append("<table><tr><th>segment</th><th>most frequent reasons</th></tr>");
    top.forEach(
        (segment, reasons) ->
            html.append(f("<tr><td>%s</td><td>%s</td></tr>", Html.escape(segment),
                reasons.entrySet().stream().limit(3).map(e -> Html.escape(e.getKey()) + f(" (%,d)", e.getValue())).collect(Collectors.joining(", ")))));
    html.append("</table></section>");
  }

  private static void accuracy(StringBuilder html, MonitorRun run) {
    html.append("<section id='accuracy'><h2>Accuracy against the labels</h2><div class='charts'>");
    SegmentOutcomes all = run.outcomes.overall;
    html.append(Svg.unitCurves("ROC curve", "false-positive rate", "true-positive rate", List.of(f("this run, AUC %.3f", all.rocAuc())),
        Collections.singletonList(all.rocCurve())));
    List<double[]> points = new ArrayList<>();
    for (int b = 0; b < SegmentOutcomes.CALIBRATION_BINS; b++) {
      if (all.calibrationRows[b] >= MIN_CALIBRATION_ROWS) {
        points.add(new double[] {all.calibrationProbability[b] / all.calibrationRows[b], (double) all.calibrationPositives[b] / all.calibrationRows[b]});
      }
    }
    html.append(Svg.unitCurves("Calibration curve", "mean predicted probability", "observed churn rate",
        List.of(f("this run, error %.3f", all.calibrationError())), Collections.singletonList(points.toArray(new double[0][]))));
    html.append("</div>");
    checkTable(html, run, Check.ACCURACY, List.of("labelled", "roc_auc", "calibration_error", "accuracy"));
    checkTable(html, run, Check.CHURN_RATE, List.of("labelled", "churn_rate", "mean_probability", "p_value"));
    html.append("</section>");
  }

  private static void drift(StringBuilder html, MonitorRun run) {
    html.append("<section id='drift'><h2>Drift against the training data</h2>");
    Histogram training = run.training.trainingProfile.predictions;
    Histogram current = run.outcomes.predictions;
    List<String> bins = new ArrayList<>();
    bins.add(f("≤ %.2f", training.edges.length == 0 ? 1.0 : training.edges[0]));
    for (int i = 1; i < training.counts.length; i++) {
      bins.add(f("> %.2f", training.edges[i - 1]));
    }
    html.append(Svg.distributions("Churn probabilities: training and this run, per training bin", bins, List.of("training", "this run"),
        Histogram.shares(training.counts), Histogram.shares(current.counts)));
    List<Svg.Bar> bars = new ArrayList<>();
    run.checks.stream()
        .filter(c -> c.check.equals(Check.FEATURE_DRIFT))
        .sorted((a, b) -> Double.compare(b.values.get("psi"), a.values.get("psi")))
        .forEach(c -> bars.add(new Svg.Bar(c.subject, c.values.get("psi"))));
    html.append(Svg.bars("Population stability index per input", bars, List.of("PSI"), "%.3f"));
    checkTable(html, run, Check.PREDICTION_DRIFT, List.of("psi", "ks", "p_value", "mean"));
    checkTable(html, run, Check.FEATURE_DRIFT, List.of("psi", "ks", "p_value"));
    html.append("</section>");
  }

  private static void dataQuality(StringBuilder html, MonitorRun run) {
    html.append("<section id='data-quality'><h2>Data quality</h2>");
    checkTable(html, run, Check.DATA_QUALITY, List.of("missing_share", "out_of_range_share"));
    html.append("<table><tr><th>records</th><th>count</th></tr>");
    run.checks.stream()
        .filter(c -> c.check.equals(Check.DATA_QUALITY) && c.subject.equals("records"))
        .forEach(c -> c.values.forEach((metric, value) -> html.append(f("<tr><td>%s</td><td class='n'>%s</td></tr>", metric.replace('_', ' '), number(value)))));
    html.append("</table></section>");
  }

  private static void fairness(StringBuilder html, MonitorRun run) {
    html.append("<section id='fairness'><h2>Fairness per group</h2><div class='charts'>");
    MonitorThresholds limits = run.thresholds;
    run.outcomes.fairness.forEach(
        (attribute, groups) -> {
          Fairness fairness = Fairness.fromCounts(attribute, groups, limits.minGroupRows, limits.minGroupPositives);
          List<Svg.Bar> bars = new ArrayList<>();
          fairness.groups.forEach(
              (group, rates) -> {
                bars.add(new Svg.Bar(attribute + " = " + group + ": selection", 100 * rates.selectionRate));
                if (run.labelled && rates.truePositiveRate != null) {
                  bars.add(new Svg.Bar(attribute + " = " + group + ": true positives", 100 * rates.truePositiveRate));
                }
              });
          html.append(Svg.bars("Selection and true-positive rates of " + attribute, bars, List.of("rate"), "%.1f %%"));
        });
    html.append("</div>");
    checkTable(html, run, Check.FAIRNESS, List.of("selection_rate_ratio", "true_positive_rate_ratio"));
    html.append("</section>");
  }

  /** One row per check of a kind: the chosen values (with the training value where there is one), its status. */
  private static void checkTable(StringBuilder html, MonitorRun run, String kind, List<String> metrics) {
    html.append("<table class='checks'><tr><th>subject</th>");
    metrics.forEach(m -> html.append("<th>").append(m.replace('_', ' ')).append("</th>"));
    html.append("<th>status</th></tr>");
    for (Check check : run.checks) {
      if (!check.check.equals(kind) || check.subject.equals("records")) {
        continue;
      }
      html.append("<tr><td>").append(Html.escape(check.subject)).append("</td>");
      for (String metric : metrics) {
        Double value = check.values.get(metric);
        Double trained = check.training.get(metric);
        html.append("<td class='n'>").append(value == null ? "" : number(value))
            .append(trained == null ? "" : " <small>(" + number(trained) + ")</small>").append("</td>");
      }
      html.append(f("<td class='%s'>%s</td></tr>", check.status, check.status));
    }
    html.append("</table><p><small>In brackets: the value in training.</small></p>");
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e12) {
      return f("%,d", (long) value);
    }
    return Math.abs(value) < 1e-3 ? f("%.1e", value) : f("%.3f", value);
  }
}
