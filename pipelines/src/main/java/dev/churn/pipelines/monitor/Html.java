package dev.churn.pipelines.monitor;

/** What the product's pages share: their styles, and escaping for text put into HTML and SVG. */
public final class Html {
  /** The styles of the monitoring report and of the endpoint's page. */
  public static final String STYLE =
      "body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222}"
          + "h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}"
          + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}"
          + "th{background:#f4f4f4}td.n{text-align:right}.status{padding:12px 16px;border-radius:6px;font-size:16px}"
          + ".OK{background:#e3f4e1}.WARN{background:#fff1cc}.RETRAIN{background:#fbd9d6}"
          + "svg text{font:11px system-ui,sans-serif}.charts{display:flex;flex-wrap:wrap;gap:24px}";

  private Html() {}

  public static String escape(Object value) {
    String text = value == null ? "" : value.toString();
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<':
          escaped.append("&lt;");
          break;
        case '>':
          escaped.append("&gt;");
          break;
        case '&':
          escaped.append("&amp;");
          break;
        case '"':
          escaped.append("&quot;");
          break;
        case '\'':
          escaped.append("&#39;");
          break;
        default:
          escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
