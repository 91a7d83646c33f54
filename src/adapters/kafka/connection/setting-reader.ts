import { dirname, isAbsolute, join } from 'node:path';
import { ConnectionConfigError } from './connection-config-error.js';
import { FLAG_NAMES, type ConnectionInputs } from './inputs.js';

export type Level = 'flag' | 'env' | 'file';

/** A setting's value and where it came from, for precedence and for error messages. */
export interface Sourced {
  value: string;
  source: string;
  level: Level;
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/** Reads settings from the three sources; callers list candidates in precedence order and take the first. */
export class SettingReader {
  constructor(
    private readonly inputs: ConnectionInputs,
    private readonly env: NodeJS.ProcessEnv,
    private readonly props: ReadonlyMap<string, string>,
    readonly propsPath: string | undefined,
    private readonly readFileFn: (path: string) => string,
  ) {}

  flag(key: Exclude<keyof ConnectionInputs, 'sslInsecure'>): Sourced | undefined {
    const v = this.inputs[key];
    return present(v) ? { value: v.trim(), source: FLAG_NAMES[key], level: 'flag' } : undefined;
  }

  /** An environment variable; `secret` keeps surrounding spaces, which may belong to a password. */
  envVar(name: string, secret = false): Sourced | undefined {
    const v = this.env[name];
    return present(v) ? { value: secret ? v : v.trim(), source: name, level: 'env' } : undefined;
  }

  /** A properties-file key; `keepEmpty` for keys where an empty value means something. */
  prop(key: string, { keepEmpty = false, secret = false } = {}): Sourced | undefined {
    const v = this.props.get(key);
    if (v === undefined || (!keepEmpty && v.trim() === '')) return undefined;
    return { value: secret ? v : v.trim(), source: this.propSource(key), level: 'file' };
  }

  propSource(key: string): string {
    return `${key} in ${this.propsPath ?? 'the properties file'}`;
  }

  /** Paths in the properties file are relative to its folder; flag and env paths to the working directory. */
  pathOf(s: Sourced): string {
    return s.level === 'file' && this.propsPath !== undefined && !isAbsolute(s.value)
      ? join(dirname(this.propsPath), s.value)
      : s.value;
  }

  /** Reads the file a setting names, with an error that says which setting named it. */
  readFileOf(s: Sourced, what: string): string {
    return readNamedFile(this.readFileFn, this.pathOf(s), `${what} (${s.source})`);
  }

  /** A secret read from a file: trailing line breaks are dropped, an empty file is an error. */
  readSecretFileOf(s: Sourced, what: string): string {
    const secret = this.readFileOf(s, what).replace(/[\r\n]+$/, '');
    if (secret === '') {
      throw new ConnectionConfigError(`The ${what} file "${this.pathOf(s)}" (${s.source}) is empty`,
        `write the ${what} into that file, or point ${s.source} at the right file`);
    }
    return secret;
  }
}

export function readNamedFile(readFile: (path: string) => string, path: string, what: string): string {
  try {
    return readFile(path);
  } catch (e) {
    const reason = (e as { code?: string }).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);
    throw new ConnectionConfigError(`Cannot read ${what} "${path}": ${reason}`,
      'check the path; relative paths inside a properties file are resolved against that file\'s folder', { cause: e });
  }
}

export const firstOf = (...candidates: (Sourced | undefined)[]): Sourced | undefined =>
  candidates.find((c) => c !== undefined);
