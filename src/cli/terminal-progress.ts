import type { ProgressEvent, ProgressListener } from '../core/progress.js';

const LABELS = { load: 'Loading specs', apply: 'Applying', visible: 'Waiting until the brokers serve what was created' } as const;

export interface TerminalProgress {
  /** Undefined when nothing is drawn (not a terminal, or machine output). */
  listener: ProgressListener | undefined;
  /** Clears the line; call before anything else is written to the stream. */
  done(): void;
}

/**
 * One line of progress on stderr, redrawn in place, only when stderr is a terminal and the output
 * is for people: never in JSON, in CI logs or in a pipe. Redrawn at most every `intervalMs`
 * (a thousand specs make a thousand events), and always at the end of a stage.
 */
export function terminalProgress(stream: NodeJS.WriteStream, options: { machineOutput?: boolean; intervalMs?: number; env?: NodeJS.ProcessEnv } = {}): TerminalProgress {
  const env = options.env ?? process.env;
  if (!stream.isTTY || options.machineOutput || env['CI']) return { listener: undefined, done: () => {} };
  const interval = options.intervalMs ?? 80;
  let last = 0;
  let shown = false;
  const listener = (e: ProgressEvent): void => {
    const now = Date.now();
    if (e.done < e.total && now - last < interval) return;
    last = now;
    const what = e.stage === 'apply' ? `${LABELS.apply} ${e.kind} changes` : LABELS[e.stage];
    const width = stream.columns || 80;
    const line = `${what}: ${e.done}/${e.total}`;
    stream.write(`\r\x1b[K${line.length >= width ? line.slice(0, width - 1) : line}`);
    shown = true;
  };
  return {
    listener,
    done: () => {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
