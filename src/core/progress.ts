/**
 * What long work reports while it runs, for a caller to show (the CLI draws it on a terminal).
 * Each event says how far one stage is: `done` of `total`. Callers may ignore any stage.
 */
export type ProgressEvent =
  | { stage: 'load'; done: number; total: number }
  | { stage: 'apply'; kind: string; done: number; total: number }
  | { stage: 'visible'; done: number; total: number };

export type ProgressListener = (event: ProgressEvent) => void;
