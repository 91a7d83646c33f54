// What every test server starter needs to run a child process safely: free ports, liveness, a
// watchdog that outlives a SIGKILLed owner, log tails and memory figures (the product's own).
export { freePort, isAlive, killQuietly, rssKiBOf, sleep, startWatchdog, tail } from '../../src/local/processes.js';
