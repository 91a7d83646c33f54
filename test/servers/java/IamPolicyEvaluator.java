import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides one (action, resource) request against a principal's identity policies as IAM does:
 * an explicit Deny in any statement wins, else an Allow that matches allows, else it is an
 * implicit deny. Action names match case-insensitively, resource ARNs case-sensitively; in both,
 * `*` matches any run of characters (dots and slashes included) and `?` any one character.
 * `NotAction` and `NotResource` are supported. Conditions are not evaluated: an Allow with a
 * Condition never applies and a Deny with one always does, so an unknown condition can only
 * take access away.
 */
public final class IamPolicyEvaluator {
  public enum Decision { ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY }

  public static final class Result {
    public final Decision decision;
    /** The Sid (or index) of the deciding statement, for the event log. */
    public final String statement;

    Result(Decision decision, String statement) {
      this.decision = decision;
      this.statement = statement;
    }
  }

  private IamPolicyEvaluator() {}

  public static Result evaluate(List<JsonNode> policies, String action, String resource) {
    String allowedBy = null;
    for (JsonNode policy : policies) {
      int i = 0;
      for (JsonNode st : statements(policy)) {
        String sid = st.hasNonNull("Sid") ? st.get("Sid").asText() : "#" + i;
        i++;
        if (!applies(st, action, resource)) continue;
        boolean deny = "Deny".equals(st.path("Effect").asText());
        boolean conditional = st.has("Condition");
        if (deny) return new Result(Decision.EXPLICIT_DENY, sid);
        if (!conditional && allowedBy == null) allowedBy = sid;
      }
    }
    return allowedBy != null ? new Result(Decision.ALLOWED, allowedBy) : new Result(Decision.IMPLICIT_DENY, null);
  }

  private static List<JsonNode> statements(JsonNode policy) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode s = policy.path("Statement");
    if (s.isArray()) s.forEach(out::add);
    else if (s.isObject()) out.add(s);
    return out;
  }

  private static boolean applies(JsonNode st, String action, String resource) {
    boolean actionMatch = st.has("NotAction")
        ? !anyMatch(st.get("NotAction"), action, true)
        : anyMatch(st.path("Action"), action, true);
    if (!actionMatch) return false;
    return st.has("NotResource")
        ? !anyMatch(st.get("NotResource"), resource, false)
        : anyMatch(st.path("Resource"), resource, false);
  }

  private static boolean anyMatch(JsonNode patterns, String value, boolean ignoreCase) {
    if (patterns.isTextual()) return matches(patterns.asText(), value, ignoreCase);
    if (patterns.isArray()) {
      for (JsonNode p : patterns) if (p.isTextual() && matches(p.asText(), value, ignoreCase)) return true;
    }
    return false;
  }

  /** IAM's glob: `*` any run of characters, `?` exactly one; nothing else is special. */
  static boolean matches(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase() : pattern;
    String v = ignoreCase ? value.toLowerCase() : value;
    int pi = 0, vi = 0, star = -1, mark = 0;
    while (vi < v.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
        pi++;
        vi++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = vi;
      } else if (star >= 0) {
        pi = star + 1;
        vi = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') pi++;
    return pi == p.length();
  }
}
