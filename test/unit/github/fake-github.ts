// A stand-in for GitHub's REST API, as much of it as the pull-request comment script uses: the
// comments of an issue (listed page by page with a Link header), creating one, updating one. It
// answers on 127.0.0.1 only and checks the token as GitHub does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment { id: number; body: string; user: { login: string; type: string }; html_url: string }
export interface Seen { method: string; url: string }

export interface FakeGitHub {
  url: string;
  /** Comments by issue number, in order. */
  comments: Map<number, FakeComment[]>;
  /** Every request, in order. */
  requests: Seen[];
  /** Adds a comment as someone else wrote it. */
  add(issue: number, body: string, login?: string): FakeComment;
  /** Answers every request with this status from now on (GitHub's JSON error body). */
  refuse(status: number | undefined, message?: string): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: { token: string; repository: string; pageSize?: number }): Promise<FakeGitHub> {
  const comments = new Map<number, FakeComment[]>();
  const requests: Seen[] = [];
  const pageSize = options.pageSize ?? 30;
  let nextId = 1000;
  let refusal: { status: number; message: string } | undefined;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push({ method: req.method ?? '', url: `${url.pathname}${url.search}` });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${options.token}`) return send(401, { message: 'Bad credentials', status: '401' });
      if (refusal) return send(refusal.status, { message: refusal.message, status: String(refusal.status) });
      const list = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if ((list && list[1] !== options.repository) || (one && one[1] !== options.repository)) return send(404, { message: 'Not Found' });
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body?: unknown }) : {};
      if (list && req.method === 'GET') {
        const all = comments.get(Number(list[2])) ?? [];
        const page = Number(url.searchParams.get('page') ?? '1');
        const size = Math.min(pageSize, Number(url.searchParams.get('per_page') ?? '30'));
        const last = Math.max(1, Math.ceil(all.length / size));
        const pageUrl = (p: number): string => `${fake.url}${url.pathname}?per_page=${size}&page=${p}`;
        const links = [...(page < last ? [`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`] : []), ...(page > 1 ? [`<${pageUrl(1)}>; rel="first"`] : [])];
        return send(200, all.slice((page - 1) * size, page * size), links.length ? { link: links.join(', ') } : {});
      }
      if (list && req.method === 'POST') {
        if (typeof body.body !== 'string') return send(422, { message: 'Invalid request' });
        if (body.body.length > 65_536) return send(422, { message: 'Validation Failed: body is too long (maximum is 65536 characters)' });
        return send(201, fake.add(Number(list[2]), body.body, 'github-actions[bot]'));
      }
      if (one && req.method === 'PATCH') {
        const found = [...comments.values()].flat().find((c) => c.id === Number(one[2]));
        if (!found) return send(404, { message: 'Not Found' });
        if (typeof body.body !== 'string' || body.body.length > 65_536) return send(422, { message: 'Validation Failed' });
        found.body = body.body;
        return send(200, found);
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeGitHub = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    comments,
    requests,
    add(issue, body, login = 'someone') {
      const comment = { id: nextId++, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, html_url: `https://github.com/${options.repository}/pull/${issue}#issuecomment-${nextId}` };
      comments.set(issue, [...(comments.get(issue) ?? []), comment]);
      return comment;
    },
    refuse(status, message = 'Resource not accessible by integration') {
      refusal = status === undefined ? undefined : { status, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
