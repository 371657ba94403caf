/**
 * The shared frame of `db:backup` and `db:restore`: `--help`, exactly one FILE argument, the
 * SQLite database from the environment (a PostgreSQL store is refused: pg_dump / pg_restore do
 * that), and the exit code (1 with the message on failure).
 */
import path from 'node:path';
import { loadConfig } from '../src/config';
import { databaseFile } from '../src/store/open-store';

export function runSqliteFileCommand(
  name: string,
  usage: string,
  run: (dbFile: string, file: string) => Promise<number>,
): void {
  const main = async (args: string[]): Promise<number> => {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(usage);
      return 0;
    }
    if (args.length !== 1 || args[0]?.startsWith('-')) {
      process.stderr.write(`${name}: give exactly one FILE\n\n${usage}`);
      return 2;
    }
    const config = loadConfig(process.env);
    if (config.databaseUrl !== null) {
      console.error(
        `${name}: DATABASE_URL is set: back up and restore PostgreSQL with pg_dump / pg_restore (see server/README.md).`,
      );
      return 2;
    }
    return run(databaseFile(config), path.resolve(args[0] as string));
  };
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
