package dev.churn.models.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churn.models.evaluate.Fairness;
import java.util.ArrayList;
import java.util.List;

/** One line of the registry's {@code decisions.jsonl}: an alias change or a refusal, with its numbers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Decision {
  public static final String REGISTER = "register";
  public static final String PROMOTE = "promote";
  public static final String REFUSE = "refuse";
  public static final String ROLLBACK = "rollback";
  public static final String UNCHANGED = "unchanged";

  @JsonProperty public String at;
  @JsonProperty public String action;
  @JsonProperty public String segment;
  @JsonProperty public String version;
  /** The champion before the decision. */
  @JsonProperty public String champion;
  @JsonProperty public String reason;
  /** Labelled rows of the segment the decision was measured on. */
  @JsonProperty public Long rows;
  @JsonProperty public Double challengerAuc;
  @JsonProperty public Double championAuc;
  @JsonProperty public Double aucTolerance;
  @JsonProperty public List<Fairness> fairness = new ArrayList<>();
  /** Whoever promoted without the gate said so ({@code --force}). */
  @JsonProperty public Boolean forced;

  /** A decision without measurements. */
  public static Decision of(String action, String segment, String version, String champion, String reason) {
    Decision decision = new Decision();
    decision.action = action;
    decision.segment = segment;
    decision.version = version;
    decision.champion = champion;
    decision.reason = reason;
    return decision;
  }
}
