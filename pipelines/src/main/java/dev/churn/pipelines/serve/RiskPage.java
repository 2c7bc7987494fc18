package dev.churn.pipelines.serve;

import dev.churn.pipelines.monitor.Html;
import dev.churn.transforms.schema.DatasetSchema;
import java.nio.charset.StandardCharsets;

/**
 * The endpoint's page for the business, at {@code GET /}: one self-contained HTML document (styles and
 * script inline, nothing fetched from elsewhere). Its script reads {@code GET /v1/risk} (per segment,
 * the highest-risk customers with their reasons and the most frequent reasons) and scores the customer
 * of its form with {@code POST /v1/score}, with the API key typed into the page when the endpoint needs
 * one. The page itself holds no customer data, only the schema's columns and categories.
 */
final class RiskPage {
  private static final String STYLE =
      Html.STYLE
          + "form{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:6px 16px;margin:8px 0}"
          + "label{display:flex;justify-content:space-between;gap:8px}input,select{width:130px}"
          + "#result{margin:12px 0;padding:12px 16px;border-radius:6px;background:#f4f4f4;min-height:1.4em}"
          + ".high{color:#b8322a;font-weight:600}.medium{color:#9a6b00}.low{color:#2f7d32}.error{color:#b8322a}"
          + ".segment{display:inline-block;vertical-align:top;margin-right:32px}details{margin:8px 0}";

  private static final String SCRIPT =
      String.join(
          "\n",
          "const $ = id => document.getElementById(id);",
          "function headers() {",
          "  const h = {'Content-Type': 'application/json'};",
          "  const key = $('api-key') && $('api-key').value;",
          "  if (key) { sessionStorage.setItem('churn-api-key', key); h['Authorization'] = 'Bearer ' + key; }",
          "  return h;",
          "}",
          "function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }",
          "async function call(path, body) {",
          "  const r = await fetch(path, body === undefined ? {headers: headers()} : {method: 'POST', headers: headers(), body: JSON.stringify(body)});",
          "  const json = await r.json().catch(() => ({error: 'the answer is not JSON (HTTP ' + r.status + ')'}));",
          "  if (!r.ok) throw new Error(json.error || ('HTTP ' + r.status));",
          "  return json;",
          "}",
          "async function loadRisk() {",
          "  const target = $('segments');",
          "  try {",
          "    const risk = await call('v1/risk');",
          "    target.replaceChildren();",
          "    $('source').textContent = 'Scores of ' + risk.source + '.';",
          "    if (risk.segments.length === 0) target.append(el('p', 'No customers scored yet.'));",
          "    for (const s of risk.segments) {",
          "      const box = el('section', undefined, 'segment'); box.dataset.segment = s.segment;",
          "      box.append(el('h2', s.segment));",
          "      box.append(el('p', s.customers.toLocaleString() + ' customers, ' + s.high_risk.toLocaleString() + ' at high risk, mean churn probability '",
          "          + s.mean_probability.toFixed(3) + '.'));",
          "      const table = el('table'); const head = el('tr');",
          "      ['customer', 'churn probability', 'band', 'reasons'].forEach(t => head.append(el('th', t))); table.append(head);",
          "      for (const c of s.highest) {",
          "        const row = el('tr', undefined, 'customer'); const probability = el('td', c.churn_probability.toFixed(3), 'n');",
          "        probability.dataset.probability = c.churn_probability;",
          "        row.append(el('td', c.customer_id), probability, el('td', c.risk_band, c.risk_band), el('td', c.reasons.join('; ')));",
          "        table.append(row);",
          "      }",
          "      box.append(el('h3', 'Highest risk'), table, el('h3', 'Most frequent reasons'));",
          "      const reasons = el('ol');",
          "      for (const r of s.reasons) reasons.append(el('li', r.reason + ' (' + r.customers.toLocaleString() + ')'));",
          "      box.append(reasons); target.append(box);",
          "    }",
          "    target.dataset.loaded = 'true';",
          "  } catch (e) { target.replaceChildren(el('p', e.message, 'error')); target.dataset.loaded = 'error'; }",
          "}",
          "async function scoreOne(event) {",
          "  event.preventDefault();",
          "  const result = $('result'); result.textContent = 'Scoring...'; delete result.dataset.probability; delete result.dataset.error;",
          "  const customer = {}; const features = {};",
          "  for (const field of event.target.elements) {",
          "    if (!field.name) continue;",
          "    const value = field.value.trim();",
          "    if (field.dataset.feature) { if (value !== '') features[field.name] = value; } else customer[field.name] = value === '' ? null : value;",
          "  }",
          "  if (Object.keys(features).length > 0) for (const f of event.target.querySelectorAll('[data-feature]')) customer[f.name] = features[f.name] ?? null;",
          "  try {",
          "    const s = (await call('v1/score', {customers: [customer]})).scores[0];",
          "    result.replaceChildren(el('b', 'Churn probability ' + s.churn_probability.toFixed(3)), el('span', ' ' + s.risk_band + ' risk', s.risk_band),",
          "        el('span', ', segment ' + s.segment + ', model ' + s.model_version + '.'), el('br'), el('span', 'Reasons: ' + s.reasons.join('; ')));",
          "    result.dataset.probability = s.churn_probability;",
          "  } catch (e) { result.replaceChildren(el('span', e.message, 'error')); result.dataset.error = e.message; }",
          "}",
          "if ($('api-key')) $('api-key').value = sessionStorage.getItem('churn-api-key') || '';",
          "$('score-form').addEventListener('submit', scoreOne);",
          "$('reload').addEventListener('click', loadRisk);",
          "loadRisk();");

  private RiskPage() {}

  static byte[] html(DatasetSchema schema, boolean keyRequired) {
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width'>")
        .append("<title>Churn risk</title><style>").append(STYLE).append("</style></head><body>")
        .append("<h1>Churn risk by segment</h1><p id='source'>Loading the scores...</p>");
    if (keyRequired) {
      html.append("<p><label style='display:inline'>API key <input id='api-key' type='password' autocomplete='off'></label></p>");
    }
    html.append("<section id='score-one'><h2>Score one customer</h2>")
        .append("<p>Blank fields are missing values, imputed as in batch scoring.</p><form id='score-form'>");
    field(html, schema.id, "customer id", false);
    schema.numeric.forEach(column -> field(html, column.name, range(column), false));
    for (DatasetSchema.CategoricalColumn column : schema.categorical) {
      html.append("<label>").append(Html.escape(column.name)).append(" <select name='").append(Html.escape(column.name)).append("'><option value=''>(missing)</option>");
      column.values.forEach(value -> html.append("<option>").append(Html.escape(value)).append("</option>"));
      html.append("</select></label>");
    }
    if (schema.snapshotTime != null) {
      field(html, schema.snapshotTime, "ISO-8601 time", false);
    }
    html.append("<button type='submit'>Score</button>");
    if (schema.hasFeatures()) {
      html.append("<details style='grid-column:1/-1'><summary>Event features (optional: all blank for a customer without events)</summary>");
      schema.features.columns().forEach(column -> field(html, column.name, range(column), true));
      html.append("</details>");
    }
    html.append("</form><div id='result' aria-live='polite'></div></section>")
        .append("<section id='risk'><h2>Highest-risk customers <button id='reload' type='button'>Reload</button></h2>")
        .append("<div id='segments'></div></section>")
        .append("<script>").append(SCRIPT).append("</script></body></html>");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder html, String name, String hint, boolean feature) {
    html.append("<label>").append(Html.escape(name)).append(" <input name='").append(Html.escape(name)).append("' type='text")
        .append("' placeholder='").append(Html.escape(hint)).append("'").append(feature ? " data-feature='true'" : "").append("></label>");
  }

  private static String range(DatasetSchema.NumericColumn column) {
    if (column.min == null && column.max == null) {
      return "number";
    }
    if (column.max == null) {
      return "\u2265 " + number(column.min);
    }
    return column.min == null ? "\u2264 " + number(column.max) : number(column.min) + " to " + number(column.max);
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
