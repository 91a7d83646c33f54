#!/usr/bin/env node
// Creates or updates the one pull-request comment that carries a hidden marker, so a re-run of the
// plan replaces its comment instead of adding another. Plain Node (global fetch), no dependencies:
// the GitHub Action runs it from its own checkout.
//
//   node scripts/github/pr-comment.mjs plan.md [--pr <number>] [--marker <name>]
//
// Environment (as GitHub Actions sets it): GITHUB_TOKEN (required), GITHUB_REPOSITORY (owner/name),
// GITHUB_API_URL (default https://api.github.com), GITHUB_EVENT_PATH (the pull request's number is
// read from it unless --pr or PR_NUMBER gives one). Writes `comment-id` to GITHUB_OUTPUT when set.
import { appendFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** GitHub refuses a comment body longer than this. */
export const COMMENT_LIMIT = 65_536;
export const DEFAULT_MARKER = 'specmesh-plan';

export class CommentError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CommentError';
  }
}

/** The hidden HTML comment that identifies the comment: its first line. */
export const markerLine = (marker = DEFAULT_MARKER) => `<!-- ${marker} -->`;

/** The body with the marker first, cut to GitHub's limit (closing what the cut left open) with a note when it is longer. */
export function commentBody(markdown, marker = DEFAULT_MARKER, limit = COMMENT_LIMIT) {
  const head = `${markerLine(marker)}\n`;
  const full = head + markdown;
  if (full.length <= limit) return full;
  const note = `\n\n> [!NOTE]\n> This comment was cut to GitHub's limit of ${limit.toLocaleString('en-US')} characters (the full text was ${full.length.toLocaleString('en-US')}); the whole output is in the job's log.\n`;
  const closers = '\n```\n</details>\n'.repeat(8).length; // room for whatever the cut leaves open
  let kept = full.slice(0, limit - note.length - closers);
  const lastNewline = kept.lastIndexOf('\n');
  if (lastNewline > head.length) kept = kept.slice(0, lastNewline);
  let closing = '';
  if ((kept.match(/^```/gm) ?? []).length % 2 === 1) closing += '\n```';
  const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < Math.min(open, 8); i++) closing += '\n\n</details>';
  return kept + closing + note;
}

/** The pull request's number: given, or from the event that started the workflow (pull_request, pull_request_target, issue_comment on a pull request). */
export function pullRequestNumber({ given, eventPath } = {}) {
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new CommentError(`Pull request number must be a whole number >= 1 (got "${given}").`);
    return n;
  }
  if (!eventPath) return undefined;
  let event;
  try {
    event = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (e) {
    throw new CommentError(`Cannot read the workflow's event file ${eventPath}: ${e.message}`);
  }
  const n = event?.pull_request?.number ?? (event?.issue?.pull_request ? event.issue.number : undefined);
  return typeof n === 'number' ? n : undefined;
}

/** What to do about a refused request, by status. */
function explain(status, what, detail, headers) {
  const said = detail ? ` GitHub says: "${detail}".` : '';
  if (status === 401) return `${what}: the token was refused (401).${said} Pass a valid token: \`github-token: \${{ secrets.GITHUB_TOKEN }}\` (or set GITHUB_TOKEN).`;
  if (status === 403 && headers.get('x-ratelimit-remaining') === '0') {
    return `${what}: GitHub's API rate limit is used up (403).${said} Re-run the job after ${headers.get('x-ratelimit-reset') ? new Date(Number(headers.get('x-ratelimit-reset')) * 1000).toISOString() : 'a while'}.`;
  }
  if (status === 403) {
    return `${what}: the token may not write pull-request comments (403).${said} Give the job \`permissions: pull-requests: write\`. A pull request from a fork gets a read-only token: post its comment from a workflow it triggers (workflow_run).`;
  }
  if (status === 404) {
    return `${what}: not found (404).${said} Check the repository (GITHUB_REPOSITORY) and the pull request number; a token that cannot see the repository gets 404 too: give the job \`permissions: pull-requests: write\` (and \`contents: read\`).`;
  }
  if (status === 422) return `${what}: GitHub refused the comment (422).${said}`;
  return `${what}: GitHub answered ${status}.${said}`;
}

/** A client of the three comment endpoints specmesh needs. The token goes only into the Authorization header. */
export function githubClient({ apiUrl = 'https://api.github.com', token, repository }) {
  if (!token) throw new CommentError(`No GitHub token: pass \`github-token: \${{ secrets.GITHUB_TOKEN }}\` to the action, or set GITHUB_TOKEN.`);
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) throw new CommentError(`GITHUB_REPOSITORY must be "owner/name" (got "${repository ?? ''}").`);
  const base = apiUrl.replace(/\/+$/, '');
  const redact = (text) => String(text).split(token).join('***');

  async function request(method, url, what, body) {
    let res;
    try {
      res = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'specmesh-pr-comment',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      const cause = e.cause?.code ?? e.cause?.message ?? e.message;
      throw new CommentError(redact(`${what}: cannot reach GitHub's API at ${base} (${cause}). Check GITHUB_API_URL.`));
    }
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) throw new CommentError(redact(explain(res.status, what, typeof json?.message === 'string' ? json.message : '', res.headers)));
    return { json, link: res.headers.get('link') };
  }

  const [owner, repo] = repository.split('/');
  const repoPath = `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  return {
    /** Every comment of the issue or pull request, following the Link header's `next` pages. */
    async listComments(number) {
      const comments = [];
      let url = `${repoPath}/issues/${number}/comments?per_page=100`;
      for (let page = 1; url; page++) {
        if (page > 100) throw new CommentError(`Listing the comments of pull request #${number}: more than 100 pages; stopping.`);
        const { json, link } = await request('GET', url, `Listing the comments of pull request #${number} in ${repository}`);
        if (!Array.isArray(json)) throw new CommentError(`Listing the comments of pull request #${number}: GitHub's answer is not a list.`);
        comments.push(...json);
        url = nextLink(link);
      }
      return comments;
    },
    async createComment(number, body) {
      return (await request('POST', `${repoPath}/issues/${number}/comments`, `Commenting on pull request #${number} in ${repository}`, { body })).json;
    },
    async updateComment(id, body) {
      return (await request('PATCH', `${repoPath}/issues/comments/${id}`, `Updating comment ${id} in ${repository}`, { body })).json;
    },
  };
}

/** The URL of rel="next" in a Link header, if any. */
export function nextLink(link) {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (m?.[2].split(/\s+/).includes('next')) return m[1];
  }
  return undefined;
}

/** Updates the pull request's comment that starts with the marker, or creates it. Returns { action, id, url }. */
export async function upsertComment({ client, number, markdown, marker = DEFAULT_MARKER }) {
  const body = commentBody(markdown, marker);
  const line = markerLine(marker);
  // The marker must open the comment: someone quoting it in a comment of their own is not ours.
  const existing = (await client.listComments(number)).find((c) => typeof c.body === 'string' && c.body.trimStart().startsWith(line));
  if (existing) {
    const updated = await client.updateComment(existing.id, body);
    return { action: 'updated', id: existing.id, url: updated?.html_url ?? existing.html_url };
  }
  const created = await client.createComment(number, body);
  return { action: 'created', id: created?.id, url: created?.html_url };
}

/** Appends `name=value` lines to the file GitHub Actions reads step outputs from. */
export function writeOutputs(outputs, file = process.env.GITHUB_OUTPUT) {
  if (!file) return;
  appendFileSync(file, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}

function parseArgs(argv) {
  const args = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--pr' || a === '--marker') {
      if (argv[i + 1] === undefined) throw new CommentError(`${a} needs a value.`);
      args[a.slice(2)] = argv[++i];
    } else if (a.startsWith('--')) throw new CommentError(`Unknown option ${a}. Usage: pr-comment.mjs <markdown-file> [--pr <number>] [--marker <name>]`);
    else args.files.push(a);
  }
  if (args.files.length !== 1) throw new CommentError('Usage: pr-comment.mjs <markdown-file> [--pr <number>] [--marker <name>]');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let markdown;
  try {
    markdown = readFileSync(args.files[0], 'utf8');
  } catch (e) {
    throw new CommentError(`Cannot read ${args.files[0]}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  const env = process.env;
  const number = pullRequestNumber({ given: args.pr ?? env.PR_NUMBER, eventPath: env.GITHUB_EVENT_PATH });
  if (number === undefined) throw new CommentError('No pull request to comment on: this event is not a pull request. Pass --pr <number> (or PR_NUMBER).');
  const client = githubClient({ apiUrl: env.GITHUB_API_URL || undefined, token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY });
  const result = await upsertComment({ client, number, markdown, marker: args.marker });
  process.stdout.write(`${result.action === 'created' ? 'Created' : 'Updated'} the plan comment on pull request #${number}: ${result.url ?? result.id}\n`);
  writeOutputs({ 'comment-id': result.id });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    const message = e instanceof CommentError ? e.message : `${e.name}: ${e.message}`;
    process.stderr.write(`error: ${process.env.GITHUB_TOKEN ? message.split(process.env.GITHUB_TOKEN).join('***') : message}\n`);
    process.exitCode = 1;
  });
}
