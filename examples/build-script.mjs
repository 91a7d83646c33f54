#!/usr/bin/env node
// A build script that plans and provisions specs through the specmesh library, as a CI job or a
// deploy tool would: `node examples/build-script.mjs <specs…>`. The cluster comes from the same
// environment variables the CLI reads (SPECMESH_BOOTSTRAP_SERVERS, SPECMESH_SECURITY_PROTOCOL,
// SPECMESH_SASL_MECHANISM, SPECMESH_SASL_USERNAME, SPECMESH_SASL_PASSWORD, …). With --dry-run it
// only prints the plan.
import { hasPendingChanges, openSession, planSpecs, applySpecPlan, renderText, renderResults, SpecmeshError } from 'specmesh';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const specs = args.filter((a) => a !== '--dry-run');
if (specs.length === 0) {
  process.stderr.write('usage: node examples/build-script.mjs [--dry-run] <spec file or folder>…\n');
  process.exit(1);
}

// One session: the Kafka admin connection is opened once, on first use, and closed once.
const session = openSession();
try {
  const { plan, diagnostics } = await planSpecs(specs, { emitters: ['acl'], session });
  for (const d of diagnostics.filter((x) => x.severity === 'error')) {
    process.stderr.write(`${d.location?.file ?? ''}${d.location?.line ? `:${d.location.line}` : ''}: ${d.summary}${d.fix ? `. ${d.fix}` : ''}\n`);
  }
  if (!plan) process.exit(1);
  process.stdout.write(renderText(plan));
  if (dryRun || !hasPendingChanges(plan)) process.exit(0);
  const { report } = await applySpecPlan(plan, session);
  process.stdout.write(`\n${renderResults(report)}`);
  process.exitCode = report.failed > 0 ? 1 : 0;
} catch (e) {
  // Every error specmesh throws says what failed and how to fix it.
  if (e instanceof SpecmeshError) process.stderr.write(`${e.message}${e.fix ? `\nFix: ${e.fix}` : ''}\n`);
  else throw e;
  process.exitCode = 1;
} finally {
  await session.close();
}
