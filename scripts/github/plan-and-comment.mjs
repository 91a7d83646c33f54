#!/usr/bin/env node
// The GitHub Action's step (action.yml): runs `specmesh plan --format markdown --detailed-exitcode`
// with the action's inputs, puts the plan (or, when planning failed, its errors) in the pull
// request's one specmesh comment, and sets the step's outputs. Plain Node, no dependencies, so it
// runs the same outside GitHub (the tests run it against a local stand-in for GitHub's API).
//
// Inputs come as environment variables (action.yml sets them): INPUT_SPEC (files, folders or globs,
// separated by spaces or lines, quoted as in a shell), INPUT_ARGS (more flags, split as a shell would split them,
// without expansion), INPUT_CONFIG, INPUT_PROFILE, INPUT_OUT (save the plan for `provision --plan`),
// INPUT_COMMENT ('false': no comment), INPUT_COMMENT_MARKER, INPUT_PR_NUMBER, and GITHUB_TOKEN,
// GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY.
//
// Exit: 1 when specmesh exits 1 (invalid specs, a wrong option, an unreachable cluster) or the
// comment cannot be written; 0 otherwise, also when changes are pending (specmesh's exit 2).
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CommentError, DEFAULT_MARKER, githubClient, pullRequestNumber, upsertComment, writeOutputs } from './pr-comment.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Splits flags as a POSIX shell would (quotes and backslashes), without expanding anything. */
export function splitArgs(text) {
  const args = [];
  let current = '';
  let started = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else current += c;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) current += text[++i];
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (quote) throw new CommentError(`An unclosed ${quote} quote in the action's input: ${text}`);
  if (started) args.push(current);
  return args;
}

/** The specmesh command line the inputs ask for. */
export function planArgs(env) {
  const args = ['plan', '--format', 'markdown', '--detailed-exitcode'];
  for (const spec of splitArgs(env.INPUT_SPEC ?? '')) args.push('--spec', spec);
  if (env.INPUT_CONFIG) args.push('--config', env.INPUT_CONFIG);
  if (env.INPUT_PROFILE) args.push('--profile', env.INPUT_PROFILE);
  if (env.INPUT_OUT) args.push('--out', env.INPUT_OUT);
  args.push(...splitArgs(env.INPUT_ARGS ?? ''));
  return args;
}

/** Runs specmesh; its stderr (diagnostics, progress) goes on to the job's log as it comes. */
function runSpecmesh(args, env) {
  const bin = env.SPECMESH_BIN || path.join(here, '..', '..', 'bin', 'run.js');
  // specmesh gets neither the GitHub token nor the action's inputs.
  const childEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !/^(INPUT_|GITHUB_TOKEN$)/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...childEnv, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      err.push(d);
      process.stderr.write(d);
    });
    child.on('error', (e) => resolve({ code: 1, stdout: '', stderr: `Cannot start specmesh (${bin}): ${e.message}\n` }));
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8') + (signal ? `specmesh was stopped by ${signal}\n` : '');
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/** The comment for a plan that could not be made: specmesh's messages, verbatim, in a code block. */
export function failureMarkdown(code, stderr, stdout) {
  const text = `${stderr}${stdout ? `\n${stdout}` : ''}`.replace(ANSI, '').trim() || '(specmesh printed nothing)';
  const longestTicks = Math.max(2, ...(text.match(/`+/g) ?? []).map((t) => t.length));
  const fence = '`'.repeat(longestTicks + 1);
  return [
    '### specmesh plan failed',
    '',
    `> [!CAUTION]`,
    `> \`specmesh plan\` exited ${code}: nothing was planned. The specs are invalid, an option is wrong or the cluster could not be read; what it said:`,
    '',
    `${fence}text`,
    text,
    fence,
    '',
  ].join('\n');
}

async function main() {
  const env = process.env;
  const args = planArgs(env);
  process.stderr.write(`specmesh ${args.join(' ')}\n`);
  const run = await runSpecmesh(args, env);
  const failed = run.code !== 0 && run.code !== 2;
  const markdown = failed ? failureMarkdown(run.code, run.stderr, run.stdout) : run.stdout;
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);

  let commentId = '';
  let commentError;
  if (env.INPUT_COMMENT !== 'false') {
    try {
      const number = pullRequestNumber({ given: env.INPUT_PR_NUMBER, eventPath: env.GITHUB_EVENT_PATH });
      if (number === undefined) {
        process.stderr.write('No pull request: this event is not one, so the plan is not commented (it is in the job summary).\n');
      } else {
        const client = githubClient({ apiUrl: env.GITHUB_API_URL || undefined, token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY });
        const result = await upsertComment({ client, number, markdown, marker: env.INPUT_COMMENT_MARKER || DEFAULT_MARKER });
        commentId = String(result.id ?? '');
        process.stderr.write(`${result.action === 'created' ? 'Created' : 'Updated'} the plan comment on pull request #${number}: ${result.url ?? result.id}\n`);
      }
    } catch (e) {
      commentError = e instanceof CommentError ? e.message : `${e.name}: ${e.message}`;
    }
  }

  writeOutputs({ exitcode: run.code, 'has-changes': String(run.code === 2), 'comment-id': commentId });
  const annotate = env.GITHUB_ACTIONS === 'true' ? '::error::' : 'error: ';
  const redact = (text) => (env.GITHUB_TOKEN ? text.split(env.GITHUB_TOKEN).join('***') : text);
  if (commentError) process.stderr.write(`${annotate}${redact(commentError)}\n`);
  if (failed) process.stderr.write(`${annotate}specmesh plan exited ${run.code}: its messages are above (and in the comment).\n`);
  process.exitCode = failed || commentError ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    process.stderr.write(`error: ${e instanceof CommentError ? e.message : `${e.name}: ${e.message}`}\n`);
    process.exitCode = 1;
  });
}
