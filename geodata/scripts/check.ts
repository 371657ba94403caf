/**
 * Checks the shipped datasets under geodata/ and prints a readable report.
 * Usage: npm run geodata:check   (exit code 1 when any check finds a problem)
 * Reads only files inside geodata/ (never ../shared).
 */
import { runAllChecks } from './checks/index';
import { loadBundle } from './load';

function main(): void {
  const started = Date.now();
  const results = runAllChecks(loadBundle());
  let total = 0;
  for (const r of results) {
    total += r.problems.length;
    process.stdout.write(`${r.problems.length === 0 ? 'OK  ' : 'FAIL'} ${r.name}\n`);
    for (const p of r.problems) {
      const id = p.featureId === undefined ? '' : ` [${p.featureId}]`;
      process.stdout.write(`       ${p.collection}${id} ${p.check}: ${p.message}\n`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `\n${total === 0 ? 'geodata OK' : `${total} problem(s)`} (${results.length} checks, ${seconds} s)\n`,
  );
  process.exitCode = total === 0 ? 0 : 1;
}

main();
