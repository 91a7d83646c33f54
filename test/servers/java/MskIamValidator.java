import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

/**
 * The broker side of MSK IAM over SASL/OAUTHBEARER, as MSK checks it: the token is a base64url
 * SigV4 presigned URL (https://kafka.&lt;region&gt;.amazonaws.com/?Action=kafka-cluster:Connect&amp;X-Amz-…)
 * made by the aws-msk-iam-sasl-signer libraries. This handler verifies
 * <ul>
 *   <li>the URL: https, host kafka.&lt;cluster region&gt;.amazonaws.com, path /, Action kafka-cluster:Connect,
 *       algorithm AWS4-HMAC-SHA256, credential scope &lt;date&gt;/&lt;cluster region&gt;/kafka-cluster/aws4_request,
 *       signed headers naming host;</li>
 *   <li>time: X-Amz-Date no more than 5 minutes ahead, and X-Amz-Date + X-Amz-Expires (at most 900 s) not past;</li>
 *   <li>the signature, recomputed with the secret AWS holds for the access key (MskIamState), the
 *       session token of temporary credentials, and those credentials' own expiry;</li>
 *   <li>kafka-cluster:Connect on the cluster ARN, in the identity's IAM policies;</li>
 *   <li>MSK's connection rate limit per broker.</li>
 * </ul>
 * A refused token fails the SASL exchange with MSK's own opaque message, "[&lt;request id&gt;]: Access denied"
 * (or "Too many connects"); the precise reason goes to the event log under the same request id, as
 * it would to MSK's internal logs. The session's principal is the identity's ARN, with an assumed
 * role's session ARN turned into the role's ARN, which is what IAM policies are attached to.
 */
public final class MskIamValidator implements AuthenticateCallbackHandler {
  private static final Pattern CREDENTIAL = Pattern.compile("^([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request$");
  private static final Pattern ASSUMED_ROLE = Pattern.compile("^arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)/.+$");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final long MAX_EXPIRES_SECONDS = 900;
  private static final long MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private String listener = "";

  @Override
  public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
    for (AppConfigurationEntry e : jaasConfigEntries) {
      Object l = e.getOptions().get("specmeshListener");
      if (l != null) listener = l.toString();
    }
  }

  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    for (Callback cb : callbacks) {
      if (!(cb instanceof OAuthBearerValidatorCallback)) throw new UnsupportedCallbackException(cb);
      OAuthBearerValidatorCallback callback = (OAuthBearerValidatorCallback) cb;
      callback.token(validate(callback.tokenValue()));
    }
  }

  @Override
  public void close() {}

  /** Why a token is refused; never shown to the client (MSK says only "Access denied"). */
  private static final class Refused extends Exception {
    final String accessKeyId;

    Refused(String reason, String accessKeyId) {
      super(reason);
      this.accessKeyId = accessKeyId;
    }
  }

  private OAuthBearerToken validate(String tokenValue) {
    MskIamState state = MskIamState.get();
    String requestId = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    if (!state.admitConnect(now)) {
      state.event("throttled", Map.of("requestId", requestId, "listener", listener));
      throw new SaslAuthenticationException("Too many connects");
    }
    Map<String, String> q = new HashMap<>();
    try {
      Token token = check(tokenValue, state, now, q);
      state.event("authenticated", fields(requestId, q, Map.of("principal", token.principal, "expiresAt", token.lifetimeMs)));
      return token;
    } catch (Refused e) {
      Map<String, Object> extra = new HashMap<>();
      extra.put("reason", e.getMessage());
      if (e.accessKeyId != null) extra.put("accessKeyId", e.accessKeyId);
      state.event("refused", fields(requestId, q, extra));
      throw new SaslAuthenticationException("[" + requestId + "]: Access denied");
    }
  }

  private Map<String, Object> fields(String requestId, Map<String, String> q, Map<String, Object> extra) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("requestId", requestId);
    f.put("listener", listener);
    if (q.containsKey("X-Amz-Date")) f.put("amzDate", q.get("X-Amz-Date"));
    String credential = q.get("X-Amz-Credential");
    if (credential != null) f.put("accessKeyId", credential.split("/")[0]);
    f.putAll(extra);
    return f;
  }

  private Token check(String tokenValue, MskIamState state, long now, Map<String, String> q) throws Refused {
    String url;
    try {
      url = new String(Base64.getUrlDecoder().decode(tokenValue.replace("=", "")), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Refused("the token is not base64url", null);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      throw new Refused("the token is not a URL", null);
    }
    String rawQuery = uri.getRawQuery();
    if (rawQuery == null) throw new Refused("the token URL has no query", null);
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
      if (q.put(k, v) != null) throw new Refused("query parameter " + k + " appears twice", null);
    }
    String clusterArn = state.clusterArn();
    String[] arnParts = clusterArn.split(":");
    if (arnParts.length < 6) throw new Refused("the broker has no cluster ARN in its IAM state", null);
    String region = arnParts[3];
    String credential = q.get("X-Amz-Credential");
    Matcher cm = credential == null ? null : CREDENTIAL.matcher(credential);
    String accessKeyId = cm != null && cm.matches() ? cm.group(1) : null;

    if (!"https".equals(uri.getScheme())) throw new Refused("scheme is " + uri.getScheme() + ", not https", accessKeyId);
    String host = uri.getHost();
    if (!("kafka." + region + ".amazonaws.com").equals(host)) {
      throw new Refused("host " + host + " is not kafka." + region + ".amazonaws.com (the cluster's region is " + region + ")", accessKeyId);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!"/".equals(path)) throw new Refused("path is " + path + ", not /", accessKeyId);
    if (!"kafka-cluster:Connect".equals(q.get("Action"))) throw new Refused("Action is " + q.get("Action") + ", not kafka-cluster:Connect", accessKeyId);
    if (!"AWS4-HMAC-SHA256".equals(q.get("X-Amz-Algorithm"))) throw new Refused("X-Amz-Algorithm is " + q.get("X-Amz-Algorithm"), accessKeyId);
    if (cm == null || !cm.matches()) throw new Refused("X-Amz-Credential is missing or malformed", null);
    String scopeDate = cm.group(2);
    String scopeRegion = cm.group(3);
    String scopeService = cm.group(4);
    if (!scopeRegion.equals(region)) throw new Refused("the token is signed for region " + scopeRegion + ", the cluster is in " + region, accessKeyId);
    if (!"kafka-cluster".equals(scopeService)) throw new Refused("the token is signed for service " + scopeService + ", not kafka-cluster", accessKeyId);
    String signedHeaders = q.get("X-Amz-SignedHeaders");
    if (signedHeaders == null || !Set.of(signedHeaders.split(";")).contains("host")) throw new Refused("X-Amz-SignedHeaders does not include host", accessKeyId);
    if (!"host".equals(signedHeaders)) throw new Refused("X-Amz-SignedHeaders signs headers a token cannot carry: " + signedHeaders, accessKeyId);

    String amzDate = q.get("X-Amz-Date");
    long signedAt;
    try {
      signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (Exception e) {
      throw new Refused("X-Amz-Date is missing or malformed", accessKeyId);
    }
    if (!amzDate.startsWith(scopeDate)) throw new Refused("the credential scope date " + scopeDate + " is not the day of X-Amz-Date " + amzDate, accessKeyId);
    long expires;
    try {
      expires = Long.parseLong(q.get("X-Amz-Expires"));
    } catch (Exception e) {
      throw new Refused("X-Amz-Expires is missing or not a number", accessKeyId);
    }
    if (expires <= 0 || expires > MAX_EXPIRES_SECONDS) throw new Refused("X-Amz-Expires is " + expires + " s; it must be 1 to " + MAX_EXPIRES_SECONDS, accessKeyId);
    if (signedAt - now > MAX_CLOCK_SKEW_MS) throw new Refused("X-Amz-Date " + amzDate + " is more than 5 minutes in the future", accessKeyId);
    long tokenExpiry = signedAt + expires * 1000;
    if (now >= tokenExpiry) throw new Refused("the token expired at " + AMZ_DATE.format(LocalDateTime.ofEpochSecond(tokenExpiry / 1000, 0, ZoneOffset.UTC)) + " (X-Amz-Date " + amzDate + " + X-Amz-Expires " + expires + " s)", accessKeyId);

    MskIamState.Credential cred = state.credential(accessKeyId);
    if (cred == null) throw new Refused("the access key " + accessKeyId + " is not known to AWS", accessKeyId);
    String sessionToken = q.get("X-Amz-Security-Token");
    if (cred.sessionToken != null && !cred.sessionToken.equals(sessionToken)) throw new Refused("the session token does not belong to access key " + accessKeyId, accessKeyId);
    if (cred.sessionToken == null && sessionToken != null) throw new Refused("a session token was sent with long-term access key " + accessKeyId, accessKeyId);
    if (cred.expiration != null && now >= cred.expiration) throw new Refused("the temporary credentials of " + accessKeyId + " expired", accessKeyId);

    String canonicalQuery = canonicalQuery(q);
    String given = q.get("X-Amz-Signature");
    boolean valid = false;
    for (String payloadHash : new String[] {EMPTY_SHA256, "UNSIGNED-PAYLOAD"}) {
      String canonicalRequest = "GET\n/\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\n" + payloadHash;
      String scope = scopeDate + "/" + scopeRegion + "/" + scopeService + "/aws4_request";
      String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
      byte[] key = hmac(("AWS4" + cred.secretAccessKey).getBytes(StandardCharsets.UTF_8), scopeDate);
      key = hmac(key, scopeRegion);
      key = hmac(key, scopeService);
      key = hmac(key, "aws4_request");
      String expected = hex(hmac(key, stringToSign));
      if (given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) valid = true;
    }
    if (!valid) throw new Refused("the signature does not match (signed with another secret, or the token was altered)", accessKeyId);

    String principal = identityOf(cred.principalArn);
    IamPolicyEvaluator.Result connect = IamPolicyEvaluator.evaluate(state.policiesOf(principal), "kafka-cluster:Connect", clusterArn);
    if (connect.decision != IamPolicyEvaluator.Decision.ALLOWED) {
      throw new Refused(principal + " may not kafka-cluster:Connect on " + clusterArn + " (" + connect.decision + ")", accessKeyId);
    }
    long lifetime = cred.expiration != null ? Math.min(tokenExpiry, cred.expiration) : tokenExpiry;
    return new Token(tokenValue, principal, lifetime, signedAt);
  }

  /** The ARN IAM policies are attached to: a role's, for a session of that role. */
  static String identityOf(String principalArn) {
    Matcher m = ASSUMED_ROLE.matcher(principalArn);
    return m.matches() ? "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3) : principalArn;
  }

  /**
   * SigV4's canonical query: every parameter but the signature, sorted, RFC 3986 encoded. The
   * signer libraries append User-Agent after signing, so it is not part of what was signed.
   */
  private static String canonicalQuery(Map<String, String> q) {
    TreeMap<String, String> sorted = new TreeMap<>();
    q.forEach((k, v) -> {
      if (!k.equals("X-Amz-Signature") && !k.equals("User-Agent")) sorted.put(uriEncode(k), uriEncode(v));
    });
    StringBuilder sb = new StringBuilder();
    sorted.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
    return sb.toString();
  }

  private static String uriEncode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') sb.append(c);
      else sb.append('%').append(String.format("%02X", b & 0xff));
    }
    return sb.toString();
  }

  private static String percentDecode(String s) {
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
        i += 2;
      } else {
        out[n++] = (byte) c;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) sb.append(String.format("%02x", b & 0xff));
    return sb.toString();
  }

  private static final class Token implements OAuthBearerToken {
    private final String value;
    private final String principal;
    private final long lifetimeMs;
    private final long startTimeMs;

    Token(String value, String principal, long lifetimeMs, long startTimeMs) {
      this.value = value;
      this.principal = principal;
      this.lifetimeMs = lifetimeMs;
      this.startTimeMs = startTimeMs;
    }

    @Override public String value() { return value; }
    @Override public Set<String> scope() { return Set.of(); }
    @Override public long lifetimeMs() { return lifetimeMs; }
    @Override public String principalName() { return principal; }
    @Override public Long startTimeMs() { return startTimeMs; }
  }
}
