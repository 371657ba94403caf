/**
 * `npm run db:reset [-- --force]`: seeds the database under DATA_DIR from GEODATA_DIR.
 * An empty (or new) database is seeded; one that holds data is refused (exit 1) unless --force,
 * which replaces everything with the shipped data in one transaction.
 */
import { databaseFile } from '../src/app';
import { loadCatalog, loadSeedData } from '../src/catalog/load-catalog';
import { ENV_DOC, loadConfig } from '../src/config';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store';

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      `Usage: npm run db:reset [-- --force]\n\nSeeds the SQLite database from the shipped geodata.\n` +
        `Without --force it only seeds an empty database; --force wipes staff edits too.\n\n` +
        `Reads DATA_DIR (${ENV_DOC.find((e) => e.name === 'DATA_DIR')?.default}) and GEODATA_DIR.\n`,
    );
    return 0;
  }
  const unknown = args.filter((a) => a !== '--force');
  if (unknown.length > 0) {
    console.error(`db:reset: unknown argument ${unknown.join(' ')} (see --help)`);
    return 2;
  }
  const config = loadConfig(process.env);
  const catalog = loadCatalog(config.geodataDir);
  const file = databaseFile(config);
  const store = openSqliteStore({ file, catalog });
  try {
    const force = args.includes('--force');
    if (!(await store.isEmpty()) && !force) {
      console.error(
        `db:reset: ${file} already holds data (maybe staff edits); refusing to wipe it.\n` +
          'Run `npm run db:reset -- --force` to replace everything with the shipped geodata.',
      );
      return 1;
    }
    const seed = loadSeedData(config.geodataDir, catalog);
    await store.seed(seed, { replace: force });
    console.info(
      `db:reset: seeded ${seed.features.length} features and ${seed.indicators.length} indicator rows into ${file}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`db:reset: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
