/** Entry point of the `front-desk` bin (built to out/main/cli.js). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workstationActor } from '../actor';
import { systemClock } from '../clock';
import { runCli } from './program';

const staticDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer');

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  clock: systemClock,
  actor: workstationActor(),
  staticDir,
  onServing: (stop) => {
    const shutdown = () => void stop().then(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  },
});
if (code !== 0) process.exit(code);
