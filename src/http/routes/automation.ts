/** Jobs, job runs, SMTP and automation settings (docs/automation.md, docs/notifications.md). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { JobRun } from '../../domain/automation.js';
import type { JobService } from '../../service/job-service.js';
import type { NotificationSettingsService, SmtpView } from '../../service/notification-settings-service.js';
import type { TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import {
  AutomationSettingsBody,
  NoContent,
  AutomationSettingsJson,
  DryRunResponse,
  IdlePastPolicyResponse,
  JobListResponse,
  JobParams,
  JobRunJson,
  JobRunListResponse,
  ListRunsQuery,
  RunParams,
  SmtpBody,
  SmtpJson,
} from '../schemas/automation.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { AUTOMATION_PREFIX, AUTOMATION_WRITE_ERRORS, callerOf } from './webhooks.js';

const TAGS = ['Automation'];

export function jobRunJson(run: JobRun): JobRunJson {
  return {
    id: run.id,
    job: run.jobName,
    trigger: run.trigger,
    status: run.status,
    scheduledAt: run.scheduledAt.toISOString(),
    attempts: run.attempts,
    plannedAt: run.plannedAt?.toISOString() ?? null,
    actions: run.actions,
    doneCount: run.doneCount,
    lastError: run.lastError,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

function smtpJson(view: SmtpView) {
  const { host, port, secure, username, hasPassword, fromAddress, enabled } = view;
  return { host, port, secure, username, hasPassword, fromAddress, enabled, updatedAt: view.updatedAt.toISOString() };
}

export function automationRoutes(deps: { tokens: TokenService; jobs: JobService; notificationSettings: NotificationSettingsService }): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:automation:admin');
  const write = requireAdmin(deps, 'write:automation:admin');
  const { jobs, notificationSettings: settings } = deps;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      `${AUTOMATION_PREFIX}/jobs`,
      { onRequest: read, schema: { tags: TAGS, summary: 'List jobs with their schedule and last run', params: OrgParams, response: { 200: JobListResponse, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => ({
        data: (await jobs.listJobs(request.params.orgId)).map(({ job, lastRun }) => ({
          name: job.name,
          description: job.description,
          schedule: job.schedule,
          available: job.isAvailable,
          lastRun: lastRun ? jobRunJson(lastRun) : null,
        })),
      }),
    );

    app.get(
      `${AUTOMATION_PREFIX}/jobs/:jobName/runs`,
      {
        onRequest: read,
        schema: { tags: TAGS, summary: "List a job's runs", description: 'Oldest first, keyset-paged.', params: JobParams, querystring: ListRunsQuery, response: { 200: JobRunListResponse, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => {
        const page = await jobs.listRuns(request.params.orgId, request.params.jobName, request.query);
        return { data: page.items.map(jobRunJson), links: page.links };
      },
    );

    app.get(
      `${AUTOMATION_PREFIX}/job-runs/:runId`,
      { onRequest: read, schema: { tags: TAGS, summary: 'Get a job run', params: RunParams, response: { 200: JobRunJson, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => jobRunJson(await jobs.getRun(request.params.orgId, request.params.runId)),
    );

    app.post(
      `${AUTOMATION_PREFIX}/jobs/:jobName/run`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Run a job now',
          description: 'Creates a manual run, executes it and answers with the finished run and the actions it took.',
          params: JobParams,
          response: { 200: JobRunJson, ...AUTOMATION_WRITE_ERRORS },
        },
      },
      async (request) => jobRunJson(await jobs.runNow(principalOf(request), request.params.orgId, request.params.jobName, request.ip)),
    );

    app.post(
      `${AUTOMATION_PREFIX}/jobs/:jobName/dry-run`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'What a job would do now, without doing it',
          description: 'The same plan a run made at this instant would apply.',
          params: JobParams,
          response: { 200: DryRunResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const plan = await jobs.dryRun(request.params.orgId, request.params.jobName);
        return { job: request.params.jobName, plannedAt: plan.plannedAt.toISOString(), actions: plan.actions };
      },
    );

    app.get(
      `${AUTOMATION_PREFIX}/tokens/idle-past-policy`,
      {
        onRequest: read,
        schema: {
          tags: TAGS,
          summary: 'Tokens idle past their policy',
          description:
            "What the idle-revoke job's plan would revoke now (idle longer than the owner's effective policy's idleRevokeAfterDays, or the org's automation setting) and how many are in the warning window. Read-only; counted in the database (each owner's policy resolved in the query), not planned token by token.",
          params: OrgParams,
          response: { 200: IdlePastPolicyResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const figures = await jobs.idlePastPolicy(request.params.orgId);
        return { ...figures, plannedAt: figures.plannedAt.toISOString() };
      },
    );

    app.get(
      `${AUTOMATION_PREFIX}/automation/settings`,
      { onRequest: read, schema: { tags: TAGS, summary: 'Automation settings', params: OrgParams, response: { 200: AutomationSettingsJson, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => settings.getAutomation(request.params.orgId),
    );

    app.patch(
      `${AUTOMATION_PREFIX}/automation/settings`,
      {
        onRequest: write,
        schema: { tags: TAGS, summary: 'Change automation settings', params: OrgParams, body: AutomationSettingsBody, response: { 200: AutomationSettingsJson, ...AUTOMATION_WRITE_ERRORS } },
      },
      async (request) => settings.putAutomation(callerOf(request), request.params.orgId, request.body),
    );

    app.get(
      `${AUTOMATION_PREFIX}/notifications/smtp`,
      { onRequest: read, schema: { tags: TAGS, summary: 'SMTP settings (never the password)', params: OrgParams, response: { 200: SmtpJson, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => smtpJson(await settings.getSmtp(request.params.orgId)),
    );

    app.put(
      `${AUTOMATION_PREFIX}/notifications/smtp`,
      { onRequest: write, schema: { tags: TAGS, summary: 'Set SMTP settings', params: OrgParams, body: SmtpBody, response: { 200: SmtpJson, ...AUTOMATION_WRITE_ERRORS } } },
      async (request) => smtpJson(await settings.putSmtp(callerOf(request), request.params.orgId, request.body)),
    );

    app.delete(
      `${AUTOMATION_PREFIX}/notifications/smtp`,
      { onRequest: write, schema: { tags: TAGS, summary: 'Remove SMTP settings', params: OrgParams, response: { 204: NoContent, ...AUTOMATION_WRITE_ERRORS } } },
      async (request, reply) => {
        await settings.deleteSmtp(callerOf(request), request.params.orgId);
        return reply.code(204).send(null);
      },
    );
  };
}
