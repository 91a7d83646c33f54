// What every test server starter needs to run a child process safely: free ports, liveness, a
// watchdog that outlives a SIGKILLed owner, log tails and memory figures.
import { readFileSync } from 'node:fs';

export { freePort, isAlive, killQuietly, rssKiBOf, sleep, startWatchdog } from '../../src/local/processes.js';

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
