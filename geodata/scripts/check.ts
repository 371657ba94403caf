/**
 * Checks the shipped datasets under geodata/ and prints a readable report.
 * Usage: npm run geodata:check   (exit code 1 when any check finds a problem)
 * Reads only files inside geodata/ (never ../shared).
 */
import { runAllChecks } from './checks/index';
import { loadBundle } from './load';

function main(): void {
  const started = Date.now();
  let bundle: ReturnType<typeof loadBundle>;
  try {
    bundle = loadBundle();
  } catch (err) {
    // A file missing or unreadable, or collections.json not in the catalog format: nothing to check.
    process.stdout.write(`FAIL loading the datasets: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
    return;
  }
  const results = runAllChecks(bundle);
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
