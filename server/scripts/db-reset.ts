/**
 * `npm run db:reset [-- --force]`: seeds the database (DATABASE_URL, else DATA_DIR's SQLite file)
 * from GEODATA_DIR.
 * An empty (or new) database is seeded; one that holds data is refused (exit 1) unless --force,
 * which replaces everything with the shipped data in one transaction.
 */
import { loadCatalog, loadSeedData } from '../src/catalog/load-catalog';
import { ENV_DOC, loadConfig } from '../src/config';
import { StoreNotEmpty } from '../src/store/feature-store';
import { openBackend, storeLocation } from '../src/store/open-store';

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      `Usage: npm run db:reset [-- --force]\n\nSeeds the database from the shipped geodata.\n` +
        `Without --force it only seeds an empty database; --force wipes staff edits too.\n\n` +
        `Reads DATABASE_URL (PostgreSQL/PostGIS when set), else DATA_DIR ` +
        `(${ENV_DOC.find((e) => e.name === 'DATA_DIR')?.default}) for SQLite; and GEODATA_DIR.\n`,
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
  const where = storeLocation(config);
  const store = await openBackend(config, catalog);
  const refuse = (): number => {
    console.error(
      `db:reset: ${where} already holds data (maybe staff edits); refusing to wipe it.\n` +
        'Run `npm run db:reset -- --force` to replace everything with the shipped geodata.',
    );
    return 1;
  };
  try {
    const force = args.includes('--force');
    if (!(await store.isEmpty()) && !force) return refuse();
    const seed = loadSeedData(config.geodataDir, catalog);
    try {
      await store.seed(seed, { replace: force });
    } catch (err) {
      if (err instanceof StoreNotEmpty) return refuse();
      throw err;
    }
    console.info(
      `db:reset: seeded ${seed.features.length} features and ${seed.indicators.length} indicator rows into ${where}`,
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
