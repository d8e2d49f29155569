/**
 * The worker in a listening app: croner ticks create the slot's run for the org, the
 * polling loop executes it, and closing the app stops both. TOKENWARD_JOB_SCHEDULES is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_OFF, ConfigError, loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';

describe.each(DIALECTS)('the scheduler on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      config: {
        automation: { ...AUTOMATION_OFF, isWorkerEnabled: true, isSchedulerEnabled: true, pollMs: 100, jobSchedules: { 'weekly-digest': '* * * * * *' } },
      },
    });
    await t.app.listen();
  });
  afterAll(async () => t.close());

  it('creates one scheduled run per slot and executes it; the other jobs keep their schedules', async () => {
    const db = t.app.core.database.db;
    let runs: Array<{ job_name: string; status: string; trigger: string }> = [];
    for (let i = 0; i < 100 && !runs.some((r) => r.status === 'succeeded'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = await db.selectFrom('job_runs').select(['job_name', 'status', 'trigger']).execute();
    }
    expect(runs.filter((r) => r.status === 'succeeded')).toContainEqual({ job_name: 'weekly-digest', status: 'succeeded', trigger: 'schedule' });
    // Ticks every second, slots of a minute: at most two slots may have started by now.
    expect(runs.length).toBeLessThanOrEqual(2);
    expect(runs.every((r) => r.job_name === 'weekly-digest')).toBe(true);
    const digests = await db.selectFrom('events').select('id').where('type', '=', 'digest.weekly').execute();
    expect(digests.length).toBe(runs.filter((r) => r.status === 'succeeded').length);
  });

  it('stops with the app', async () => {
    await t.app.close();
    const jobs = t.app.core.services.jobs.jobs.map((j) => j.name);
    expect(jobs).toContain('weekly-digest');
  });
});

describe('TOKENWARD_JOB_SCHEDULES', () => {
  it('reads name=cron pairs and refuses a bad expression in one line', () => {
    expect(loadConfig({ TOKENWARD_JOB_SCHEDULES: 'weekly-digest=0 9 * * 1; idle-revoke=0 3 * * *' }).automation.jobSchedules).toEqual({
      'weekly-digest': '0 9 * * 1',
      'idle-revoke': '0 3 * * *',
    });
    expect(() => loadConfig({ TOKENWARD_JOB_SCHEDULES: 'weekly-digest=every monday' })).toThrow(ConfigError);
    expect(() => loadConfig({ TOKENWARD_AUTOMATION: 'maybe' })).toThrow('TOKENWARD_AUTOMATION must be on or off, got "maybe".');
    expect(() => loadConfig({ TOKENWARD_WEBHOOK_TIMEOUT_MS: '60000' })).toThrow(ConfigError);
  });

  it('refuses a schedule for a job that does not exist, before opening the database', async () => {
    await expect(startTestApp('sqlite', { config: { automation: { ...AUTOMATION_OFF, jobSchedules: { 'weekly-digets': '0 9 * * 1' } } } })).rejects.toThrow(
      /TOKENWARD_JOB_SCHEDULES names unknown jobs: weekly-digets/,
    );
  });
});
