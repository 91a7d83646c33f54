import os from 'node:os';
import path from 'node:path';
import { defaultLocalDir } from '../local/local-cluster.js';
import { shellWord } from './shell-word.js';

/** A path as a hint shows it: absolute, or `~/…` under the home folder, so the hint works from any folder. */
export function shownPath(file: string): string {
  const resolved = path.resolve(file);
  const home = os.homedir();
  const shown = home && resolved.startsWith(`${home}${path.sep}`) ? `~/${resolved.slice(home.length + 1)}` : resolved;
  return /^[\w@%+=:,./~-]+$/.test(shown) ? shown : shellWord(resolved);
}

function isDefaultDir(dir: string): boolean {
  return path.resolve(dir) === path.resolve(defaultLocalDir());
}

/** ` --dir <dir>` for the `local` commands when the cluster's folder is not the default one. */
export function dirOption(dir: string): string {
  return isDefaultDir(dir) ? '' : ` --dir ${shownPath(dir)}`;
}

/** `SPECMESH_LOCAL_DIR=<dir> ` before a command with `--profile local`, which finds the cluster only by it when the folder is not the default. */
export function localDirEnv(dir: string): string {
  if (isDefaultDir(dir)) return '';
  return `SPECMESH_LOCAL_DIR=${shellWord(path.resolve(dir))} `;
}
