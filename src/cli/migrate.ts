import { migrateDatabase } from '../app.js';
import { configOrExit, exitWithError } from './output.js';

export async function runMigrate(): Promise<void> {
  const config = configOrExit();
  try {
    const { applied, location } = await migrateDatabase(config);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')} to ${location}.\n` : `${location} is up to date.\n`);
  } catch (error) {
    exitWithError(error);
  }
}
