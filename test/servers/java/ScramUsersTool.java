import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.io.BufferedReader;
import java.io.InputStreamReader;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.KafkaFuture;

/**
 * Test helper: alters many SCRAM users in one JVM (kafka.admin.ConfigCommand takes one user per
 * run). Talks to the broker with the Admin API (AlterUserScramCredentials), then waits until the
 * broker describes the new state, so a client can authenticate as soon as this exits.
 *
 * Args: bootstrap adminUser adminMechanism; env KAFKA_ADMIN_PASSWORD.
 * Stdin, one per line (names and passwords base64):
 *   upsert NAME MECHANISM ITERATIONS PASSWORD
 *   delete NAME MECHANISM
 *   list
 * `list` prints one line per user: base64(name) then its mechanisms, tab-separated.
 */
public final class ScramUsersTool {
  private static String b64(String s) {
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }

  private static String jaasQuote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ScramUsersTool <bootstrap> <adminUser> <adminMechanism>  (password in KAFKA_ADMIN_PASSWORD)");
      System.exit(2);
    }
    String password = System.getenv("KAFKA_ADMIN_PASSWORD");
    if (password == null) password = "";
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("security.protocol", "SASL_PLAINTEXT");
    props.put("sasl.mechanism", args[2]);
    props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username="
        + jaasQuote(args[1]) + " password=" + jaasQuote(password) + ";");
    props.put("request.timeout.ms", "30000");
    props.put("default.api.timeout.ms", "60000");

    List<UserScramCredentialAlteration> alterations = new ArrayList<>();
    Map<String, Set<ScramMechanism>> mustHave = new HashMap<>();
    Map<String, Set<ScramMechanism>> mustLack = new HashMap<>();
    boolean list = false;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      line = line.trim();
      if (line.isEmpty()) continue;
      String[] f = line.split(" ");
      switch (f[0]) {
        case "upsert": {
          String user = b64(f[1]);
          ScramMechanism m = ScramMechanism.fromMechanismName(f[2]);
          if (m == ScramMechanism.UNKNOWN) throw new IllegalArgumentException("unknown SCRAM mechanism " + f[2]);
          alterations.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(m, Integer.parseInt(f[3])), b64(f[4])));
          mustHave.computeIfAbsent(user, k -> new HashSet<>()).add(m);
          break;
        }
        case "delete": {
          String user = b64(f[1]);
          ScramMechanism m = ScramMechanism.fromMechanismName(f[2]);
          if (m == ScramMechanism.UNKNOWN) throw new IllegalArgumentException("unknown SCRAM mechanism " + f[2]);
          alterations.add(new UserScramCredentialDeletion(user, m));
          mustLack.computeIfAbsent(user, k -> new HashSet<>()).add(m);
          break;
        }
        case "list":
          list = true;
          break;
        default:
          throw new IllegalArgumentException("unknown command " + f[0]);
      }
    }

    try (Admin admin = Admin.create(props)) {
      if (!alterations.isEmpty()) {
        Map<String, KafkaFuture<Void>> results = admin.alterUserScramCredentials(alterations).values();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> e : results.entrySet()) {
          try {
            e.getValue().get(60, TimeUnit.SECONDS);
          } catch (ExecutionException ex) {
            Throwable c = ex.getCause() == null ? ex : ex.getCause();
            failures.add(e.getKey() + ": " + c.getClass().getSimpleName() + ": " + c.getMessage());
          }
        }
        if (!failures.isEmpty()) {
          for (String f : failures) System.err.println("SCRAM alteration failed for " + f);
          System.exit(1);
        }
        // The controller has committed the records; wait until the broker has applied them too.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
          Map<String, UserScramCredentialsDescription> d = admin.describeUserScramCredentials().all().get(60, TimeUnit.SECONDS);
          if (matches(d, mustHave, mustLack)) break;
          if (System.nanoTime() > deadline) {
            System.err.println("SCRAM alteration accepted but not visible on the broker after 30s");
            System.exit(1);
          }
          Thread.sleep(25);
        }
      }
      if (list) {
        Map<String, UserScramCredentialsDescription> d = admin.describeUserScramCredentials().all().get(60, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder();
        for (UserScramCredentialsDescription desc : d.values()) {
          out.append(Base64.getEncoder().encodeToString(desc.name().getBytes(StandardCharsets.UTF_8)));
          for (ScramCredentialInfo info : desc.credentialInfos()) out.append('\t').append(info.mechanism().mechanismName());
          out.append('\n');
        }
        System.out.print(out);
      }
    }
  }

  private static Set<ScramMechanism> mechanisms(Map<String, UserScramCredentialsDescription> d, String user) {
    Set<ScramMechanism> s = new HashSet<>();
    UserScramCredentialsDescription desc = d.get(user);
    if (desc != null) for (ScramCredentialInfo info : desc.credentialInfos()) s.add(info.mechanism());
    return s;
  }

  private static boolean matches(Map<String, UserScramCredentialsDescription> d,
      Map<String, Set<ScramMechanism>> mustHave, Map<String, Set<ScramMechanism>> mustLack) {
    for (Map.Entry<String, Set<ScramMechanism>> e : mustHave.entrySet())
      if (!mechanisms(d, e.getKey()).containsAll(e.getValue())) return false;
    for (Map.Entry<String, Set<ScramMechanism>> e : mustLack.entrySet()) {
      Set<ScramMechanism> have = mechanisms(d, e.getKey());
      for (ScramMechanism m : e.getValue()) if (have.contains(m) && !mustHave.getOrDefault(e.getKey(), Set.of()).contains(m)) return false;
    }
    return true;
  }
}
