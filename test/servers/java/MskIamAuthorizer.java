import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kafka's StandardAuthorizer (ACLs, for the SCRAM listener and the controller) with MSK's IAM
 * access control on the IAM listeners (system property `specmesh.iam.listeners`, comma-separated
 * listener names): there, ACLs and super users play no part, and every request is decided by the
 * caller's IAM identity policies (MskIamState), as MSK decides it.
 *
 * Each Kafka authorization (operation on a resource) is the `kafka-cluster:` action AWS documents as
 * its equivalent, on the resource's ARN built from the cluster's: topic/&lt;cluster name&gt;/&lt;cluster uuid&gt;/&lt;topic&gt;,
 * group/…/&lt;group&gt;, transactional-id/…/&lt;id&gt;, or the cluster ARN. AWS's table, "Semantics of IAM
 * authorization policy actions and resources" in "IAM access control":
 *   https://docs.aws.amazon.com/msk/latest/developerguide/iam-access-control.html
 *   https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html
 * So Produce (WRITE topic) needs WriteData, Fetch (READ topic) ReadData, JoinGroup and OffsetCommit
 * (READ group) AlterGroup, DescribeGroups and FindCoordinator (DESCRIBE group) DescribeGroup,
 * InitProducerId with a transactional id (WRITE transactional-id) AlterTransactionalId, without one
 * (IDEMPOTENT_WRITE cluster) WriteDataIdempotently, CreateTopics (CREATE topic) CreateTopic, Metadata
 * (DESCRIBE topic) DescribeTopic. Actions never imply one another here, unlike ACL operations
 * (where READ implies DESCRIBE). Operations with no IAM equivalent (CLUSTER_ACTION, delegation
 * tokens, SCRAM credentials, CREATE on the cluster as a whole) are denied; for CreateTopics Kafka then
 * asks per topic.
 */
public final class MskIamAuthorizer extends StandardAuthorizer {
  private static final Map<String, String> ACTIONS = new LinkedHashMap<>();

  static {
    ACTIONS.put("TOPIC/READ", "ReadData");
    ACTIONS.put("TOPIC/WRITE", "WriteData");
    ACTIONS.put("TOPIC/CREATE", "CreateTopic");
    ACTIONS.put("TOPIC/DELETE", "DeleteTopic");
    ACTIONS.put("TOPIC/ALTER", "AlterTopic");
    ACTIONS.put("TOPIC/DESCRIBE", "DescribeTopic");
    ACTIONS.put("TOPIC/DESCRIBE_CONFIGS", "DescribeTopicDynamicConfiguration");
    ACTIONS.put("TOPIC/ALTER_CONFIGS", "AlterTopicDynamicConfiguration");
    ACTIONS.put("GROUP/READ", "AlterGroup");
    ACTIONS.put("GROUP/DESCRIBE", "DescribeGroup");
    ACTIONS.put("GROUP/DELETE", "DeleteGroup");
    ACTIONS.put("TRANSACTIONAL_ID/WRITE", "AlterTransactionalId");
    ACTIONS.put("TRANSACTIONAL_ID/DESCRIBE", "DescribeTransactionalId");
    ACTIONS.put("CLUSTER/DESCRIBE", "DescribeCluster");
    ACTIONS.put("CLUSTER/ALTER", "AlterCluster");
    ACTIONS.put("CLUSTER/DESCRIBE_CONFIGS", "DescribeClusterDynamicConfiguration");
    ACTIONS.put("CLUSTER/ALTER_CONFIGS", "AlterClusterDynamicConfiguration");
    ACTIONS.put("CLUSTER/IDEMPOTENT_WRITE", "WriteDataIdempotently");
  }

  private static final Map<ResourceType, String> ARN_TYPE = Map.of(
      ResourceType.TOPIC, "topic", ResourceType.GROUP, "group", ResourceType.TRANSACTIONAL_ID, "transactional-id");

  private static final Pattern IAM_PRINCIPAL = Pattern.compile("^arn:aws[a-z-]*:(iam|sts)::\\d{12}:.+$");
  private final Set<String> iamListeners = new HashSet<>(Arrays.asList(System.getProperty("specmesh.iam.listeners", "").split(",")));

  /**
   * On an IAM listener; or an IAM identity's request the broker forwarded to the controller
   * (CreateTopics, CreatePartitions, …), which arrives there on the controller's listener.
   */
  private boolean isIam(AuthorizableRequestContext ctx) {
    return iamListeners.contains(ctx.listenerName()) || IAM_PRINCIPAL.matcher(ctx.principal().getName()).matches();
  }

  @Override
  public List<AuthorizationResult> authorize(AuthorizableRequestContext ctx, List<Action> actions) {
    if (!isIam(ctx)) return super.authorize(ctx, actions);
    MskIamState state = MskIamState.get();
    String clusterArn = state.clusterArn();
    String principal = ctx.principal().getName();
    List<AuthorizationResult> results = new ArrayList<>(actions.size());
    for (Action action : actions) {
      ResourcePattern pattern = action.resourcePattern();
      String iamAction = ACTIONS.get(pattern.resourceType() + "/" + action.operation());
      String resource = resourceArn(clusterArn, pattern);
      boolean allowed = false;
      String decision = "NO_IAM_ACTION";
      String statement = null;
      if (iamAction != null && resource != null) {
        IamPolicyEvaluator.Result r = IamPolicyEvaluator.evaluate(state.policiesOf(principal), "kafka-cluster:" + iamAction, resource);
        allowed = r.decision == IamPolicyEvaluator.Decision.ALLOWED;
        decision = r.decision.name();
        statement = r.statement;
      }
      if (!allowed && action.logIfDenied()) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("listener", ctx.listenerName());
        f.put("principal", principal);
        f.put("apiKey", ctx.requestType());
        f.put("operation", action.operation());
        f.put("resourceType", pattern.resourceType());
        f.put("resourceName", pattern.name());
        f.put("action", iamAction == null ? null : "kafka-cluster:" + iamAction);
        f.put("resource", resource);
        f.put("decision", decision);
        f.put("statement", statement);
        state.event("denied", f);
      }
      results.add(allowed ? AuthorizationResult.ALLOWED : AuthorizationResult.DENIED);
    }
    return results;
  }

  /**
   * Kafka asks this when an idempotent producer has no IDEMPOTENT_WRITE on the cluster (any
   * topic it may write to is enough under ACLs). MSK has no such shortcut: it needs
   * kafka-cluster:WriteDataIdempotently.
   */
  @Override
  public AuthorizationResult authorizeByResourceType(AuthorizableRequestContext ctx, AclOperation op, ResourceType resourceType) {
    if (isIam(ctx)) return AuthorizationResult.DENIED;
    return super.authorizeByResourceType(ctx, op, resourceType);
  }

  private static String resourceArn(String clusterArn, ResourcePattern pattern) {
    if (pattern.resourceType() == ResourceType.CLUSTER) return clusterArn;
    String type = ARN_TYPE.get(pattern.resourceType());
    String[] p = clusterArn.split(":", 6);
    if (type == null || p.length < 6 || !p[5].startsWith("cluster/")) return null;
    return p[0] + ":" + p[1] + ":" + p[2] + ":" + p[3] + ":" + p[4] + ":" + type + "/" + p[5].substring("cluster/".length()) + "/" + pattern.name();
  }
}
