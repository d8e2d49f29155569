import { migrateToLatest, openDatabase } from '../store/db.js';
import { configOrExit, exitWithError } from './output.js';

export async function runMigrate(): Promise<void> {
  const config = configOrExit();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(database);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')} to ${database.location}.\n` : `${database.location} is up to date.\n`);
  } catch (error) {
    exitWithError(error);
  } finally {
    await database.close();
  }
}
