import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the emulated MSK IAM control knows, shared by the token validator and the authorizer in
 * the broker JVM: the cluster's ARN, the AWS credentials the tests created (as AWS knows each
 * access key's secret), the identity policies IAM holds for each principal, and the connection
 * rate limit. The tests write it as one JSON file (system property `specmesh.iam.state`, replaced
 * atomically); it is read again whenever the file changes. Decisions are appended as JSON lines
 * to `specmesh.iam.events`, which the tests read.
 *
 * <pre>
 * { "clusterArn": "arn:aws:kafka:eu-west-1:123456789012:cluster/name/uuid",
 *   "credentials": [{ "accessKeyId": "ASIA…", "secretAccessKey": "…", "sessionToken": "…",
 *                     "principalArn": "arn:aws:sts::123456789012:assumed-role/role/session", "expiration": 1700000000000 }],
 *   "policies": { "arn:aws:iam::123456789012:role/role": [ { "Version": "2012-10-17", "Statement": [ … ] } ] },
 *   "maxConnectsPerSecond": 100, "refuseNextConnects": { "id": "…", "count": 2 },
 *   "motoEndpoint": "http://127.0.0.1:…" }
 * </pre>
 */
public final class MskIamState {
  public static final class Credential {
    public final String secretAccessKey;
    public final String sessionToken;
    public final String principalArn;
    public final Long expiration;

    Credential(String secretAccessKey, String sessionToken, String principalArn, Long expiration) {
      this.secretAccessKey = secretAccessKey;
      this.sessionToken = sessionToken;
      this.principalArn = principalArn;
      this.expiration = expiration;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MskIamState INSTANCE = new MskIamState();

  private final File file = new File(required("specmesh.iam.state"));
  private final File events = new File(required("specmesh.iam.events"));
  private long loadedMtime = -1;
  private long loadedSize = -1;
  private Object loadedKey;
  private long loadedAt = -1;
  /**
   * File times move in kernel ticks (up to 10 ms): two writes within one tick can leave the same
   * time and size. A file read less than this long after it was written is read again on the next
   * call, until a read comes after it had settled (as git treats "racily clean" entries).
   */
  private static final long SETTLE_MS = 100;
  private String clusterArn = "";
  private Map<String, Credential> credentials = Collections.emptyMap();
  private Map<String, List<JsonNode>> policies = Collections.emptyMap();
  private int maxConnectsPerSecond = 100;
  private final Deque<Long> recentConnects = new ArrayDeque<>();
  private String refuseId;
  private int refuseCount;
  private final Map<String, Integer> refused = new HashMap<>();
  private String motoEndpoint;
  private final Map<String, Credential> fromMoto = new HashMap<>();

  public static MskIamState get() {
    return INSTANCE;
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isEmpty()) throw new IllegalStateException("system property " + property + " is not set");
    return v;
  }

  private synchronized void refresh() {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file.toPath(), BasicFileAttributes.class);
    } catch (IOException e) {
      attrs = null;
    }
    long mtime = attrs == null ? 0 : attrs.lastModifiedTime().toMillis();
    long size = attrs == null ? -1 : attrs.size();
    Object key = attrs == null ? null : attrs.fileKey();
    long now = System.currentTimeMillis();
    if (mtime == loadedMtime && size == loadedSize && Objects.equals(key, loadedKey) && loadedAt - mtime >= SETTLE_MS) return;
    loadedMtime = mtime;
    loadedSize = size;
    loadedKey = key;
    loadedAt = now;
    if (attrs == null) {
      clusterArn = "";
      credentials = Collections.emptyMap();
      policies = Collections.emptyMap();
      return;
    }
    try {
      JsonNode root = JSON.readTree(file);
      clusterArn = root.path("clusterArn").asText("");
      Map<String, Credential> creds = new HashMap<>();
      for (JsonNode c : root.path("credentials")) {
        creds.put(c.path("accessKeyId").asText(), new Credential(
            c.path("secretAccessKey").asText(),
            c.hasNonNull("sessionToken") ? c.get("sessionToken").asText() : null,
            c.path("principalArn").asText(),
            c.hasNonNull("expiration") ? c.get("expiration").asLong() : null));
      }
      credentials = creds;
      Map<String, List<JsonNode>> pols = new HashMap<>();
      root.path("policies").fields().forEachRemaining((e) -> {
        List<JsonNode> docs = new ArrayList<>();
        e.getValue().forEach(docs::add);
        pols.put(e.getKey(), docs);
      });
      policies = pols;
      maxConnectsPerSecond = root.path("maxConnectsPerSecond").asInt(100);
      motoEndpoint = root.hasNonNull("motoEndpoint") ? root.get("motoEndpoint").asText() : null;
      JsonNode refuse = root.path("refuseNextConnects");
      refuseId = refuse.hasNonNull("id") ? refuse.get("id").asText() : null;
      refuseCount = refuse.path("count").asInt(0);
    } catch (IOException e) {
      // A half-written file cannot happen (the tests rename it into place); keep the last good state.
      event("state-unreadable", Map.of("reason", String.valueOf(e.getMessage())));
      loadedMtime = -1;
    }
  }

  public synchronized String clusterArn() {
    refresh();
    return clusterArn;
  }

  /**
   * The secret AWS holds for an access key: registered by the tests, or else (with `motoEndpoint`
   * in the state) looked up in moto, which issued it, the way AWS knows the keys of sessions an
   * application assumed by itself (specmesh's awsRoleArn).
   */
  public synchronized Credential credential(String accessKeyId) {
    refresh();
    Credential c = credentials.get(accessKeyId);
    if (c != null || motoEndpoint == null) return c;
    if (!fromMoto.containsKey(accessKeyId)) loadFromMoto();
    return fromMoto.get(accessKeyId);
  }

  private void loadFromMoto() {
    try {
      HttpResponse<String> res = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(motoEndpoint + "/moto-api/data.json")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode data = JSON.readTree(res.body());
      for (JsonNode r : data.path("sts").path("AssumedRole")) {
        fromMoto.put(r.path("access_key_id").asText(), new Credential(r.path("secret_access_key").asText(),
            r.path("session_token").asText(null), r.path("arn").asText(), null));
      }
      String account = clusterArn.split(":").length > 4 ? clusterArn.split(":")[4] : "123456789012";
      for (JsonNode k : data.path("iam").path("AccessKey")) {
        if (k.hasNonNull("user_name")) {
          fromMoto.put(k.path("access_key_id").asText(), new Credential(k.path("secret_access_key").asText(), null,
              "arn:aws:iam::" + account + ":user/" + k.get("user_name").asText(), null));
        }
      }
    } catch (Exception e) {
      event("moto-unreachable", Map.of("reason", String.valueOf(e.getMessage())));
    }
  }

  public synchronized List<JsonNode> policiesOf(String principalArn) {
    refresh();
    return policies.getOrDefault(principalArn, Collections.emptyList());
  }

  /**
   * Counts a new connection; false when more than the allowed number arrived in the last second,
   * or while the tests' `refuseNextConnects` ({ id, count }: the next `count` connections after it
   * was written) is not used up.
   */
  public synchronized boolean admitConnect(long now) {
    refresh();
    if (refuseId != null && refused.getOrDefault(refuseId, 0) < refuseCount) {
      refused.merge(refuseId, 1, Integer::sum);
      return false;
    }
    while (!recentConnects.isEmpty() && recentConnects.peekFirst() <= now - 1000) recentConnects.pollFirst();
    if (recentConnects.size() >= maxConnectsPerSecond) return false;
    recentConnects.addLast(now);
    return true;
  }

  /** Appends one JSON line to the event log. */
  public void event(String type, Map<String, ?> fields) {
    ObjectNode line = JSON.createObjectNode();
    line.put("time", System.currentTimeMillis());
    line.put("event", type);
    fields.forEach((k, v) -> {
      if (v != null) line.put(k, String.valueOf(v));
    });
    byte[] bytes = (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (events) {
      try (OutputStream out = new FileOutputStream(events, true)) {
        out.write(bytes);
      } catch (IOException e) {
        System.err.println("MskIamState: cannot write " + events + ": " + e.getMessage());
      }
    }
  }
}
