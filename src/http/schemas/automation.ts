/** Tokenward's automation API: webhooks, deliveries, SMTP and automation settings, jobs. */
import { Type, type Static } from 'typebox';
import { EVENT_TYPES } from '../../domain/events.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Links = Type.Object({ self: Type.String(), next: Nullable(Type.String()), prev: Nullable(Type.String()) });
const EventTypeName = Type.Union(EVENT_TYPES.map((t) => Type.Literal(t)));
const Format = Type.Union([Type.Literal('standard'), Type.Literal('slack')]);
const PageSize = Type.Optional(Type.Integer({ minimum: 1, description: 'Default 100; values above 1000 are treated as 1000.' }));
const Cursor = Type.Optional(Type.String({ maxLength: 4096, description: 'A `links.next` or `links.prev` value of the previous page.' }));

export const WebhookParams = Type.Object({ orgId: Id, webhookId: Id });
export const DeliveryParams = Type.Object({ orgId: Id, webhookId: Id, deliveryId: Id });
export const JobParams = Type.Object({ orgId: Id, jobName: Type.String({ minLength: 1, maxLength: 64 }) });
export const RunParams = Type.Object({ orgId: Id, runId: Id });

export const CreateWebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    eventTypes: Type.Optional(Type.Array(EventTypeName, { maxItems: 50, description: 'Event types to send; empty or unset: all.' })),
    format: Type.Optional(Format),
  },
  { additionalProperties: false },
);
export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    eventTypes: Type.Optional(Type.Array(EventTypeName, { maxItems: 50 })),
    format: Type.Optional(Format),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const WebhookJson = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Nullable(Type.String()),
  eventTypes: Type.Array(Type.String()),
  format: Format,
  enabled: Type.Boolean(),
  disabledReason: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type WebhookJson = Static<typeof WebhookJson>;
export const WebhookWithSecretJson = Type.Object({
  webhook: WebhookJson,
  secret: Type.String({ description: 'The Standard Webhooks signing secret (`whsec_...`). Shown only now.' }),
});
export const WebhookListResponse = Type.Object({ data: Type.Array(WebhookJson) });

const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('delivering'), Type.Literal('succeeded'), Type.Literal('dead')]);
export const ListDeliveriesQuery = Type.Object({ status: Type.Optional(DeliveryStatus), pageSize: PageSize, cursor: Cursor });
export const DeliveryJson = Type.Object({
  id: Type.String(),
  eventId: Type.String({ description: 'Sent as `webhook-id` on every attempt.' }),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: DateTime,
  lastError: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  createdAt: DateTime,
  completedAt: Nullable(DateTime),
});
export type DeliveryJson = Static<typeof DeliveryJson>;
export const DeliveryListResponse = Type.Object({ data: Type.Array(DeliveryJson), links: Links });

export const SmtpBody = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 255 }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    secure: Type.Optional(Type.Boolean({ description: 'TLS from the start (port 465). Default: true on port 465, else STARTTLS when offered.' })),
    username: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    password: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: 'Write-only. Unset keeps the stored password; null removes it.' }))),
    fromAddress: Type.String({ minLength: 3, maxLength: 320 }),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const SmtpJson = Type.Object({
  host: Type.String(),
  port: Type.Integer(),
  secure: Type.Boolean(),
  username: Nullable(Type.String()),
  hasPassword: Type.Boolean(),
  fromAddress: Type.String(),
  enabled: Type.Boolean(),
  updatedAt: DateTime,
});

const Days = Type.Integer({ minimum: 1, maximum: 3650 });
export const AutomationSettingsBody = Type.Object(
  {
    expiryWarningDays: Type.Optional(Type.Array(Days, { minItems: 0, maxItems: 10 })),
    idleRevokeAfterDays: Type.Optional(Nullable(Days)),
    idleWarningDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    staleAfterDays: Type.Optional(Days),
    outboxRetentionDays: Type.Optional(Days),
    usageRetentionDays: Type.Optional(Days),
    approvalReminderHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const AutomationSettingsJson = Type.Object({
  expiryWarningDays: Type.Array(Type.Integer()),
  idleRevokeAfterDays: Nullable(Type.Integer()),
  idleWarningDays: Type.Integer(),
  staleAfterDays: Type.Integer(),
  outboxRetentionDays: Type.Integer(),
  usageRetentionDays: Type.Integer(),
  approvalReminderHours: Type.Integer(),
});

/** Actions are a tagged union (domain `HygieneAction`); listed as open objects here. */
const ActionJson = Type.Object({ type: Type.String() }, { additionalProperties: true });
const RunStatus = Type.Union([Type.Literal('pending'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]);
export const JobRunJson = Type.Object({
  id: Type.String(),
  job: Type.String(),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual')]),
  status: RunStatus,
  scheduledAt: DateTime,
  attempts: Type.Integer(),
  plannedAt: Nullable(DateTime),
  actions: Nullable(Type.Array(ActionJson)),
  doneCount: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
});
export type JobRunJson = Static<typeof JobRunJson>;
export const JobJson = Type.Object({
  name: Type.String(),
  description: Type.String(),
  schedule: Type.String({ description: 'Cron expression, UTC.' }),
  available: Type.Boolean(),
  lastRun: Nullable(JobRunJson),
});
export const JobListResponse = Type.Object({ data: Type.Array(JobJson) });
export const ListRunsQuery = Type.Object({ pageSize: PageSize, cursor: Cursor });
export const JobRunListResponse = Type.Object({ data: Type.Array(JobRunJson), links: Links });
export const DryRunResponse = Type.Object({ job: Type.String(), plannedAt: DateTime, actions: Type.Array(ActionJson) });
export const NoContent = Type.Null({ description: 'No content.' });

export const ListEventsQuery = Type.Object({
  type: Type.Optional(EventTypeName),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Events at or after this time (ISO-8601).' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Events before this time (ISO-8601).' })),
  pageSize: PageSize,
  cursor: Cursor,
});
export const EventJson = Type.Object({
  id: Type.String({ description: 'Also the `webhook-id` of its webhook deliveries.' }),
  type: Type.String({ description: 'One of the catalogue of event types in the documentation (Events).' }),
  occurredAt: DateTime,
  dispatchedAt: Nullable(DateTime),
  data: Type.Unknown({ description: 'The payload, as webhooks receive it.' }),
  deliveries: Type.Object(
    { pending: Type.Integer(), delivering: Type.Integer(), succeeded: Type.Integer(), dead: Type.Integer() },
    { description: "Its webhook and e-mail deliveries by status; all 0 before the worker fans it out, or when nobody subscribes." },
  ),
});
export const EventListResponse = Type.Object({ data: Type.Array(EventJson), links: Links });

/** What the idle-revoke job would act on now, for the console's overview ("idle past policy"). */
export const IdlePastPolicyResponse = Type.Object({
  plannedAt: DateTime,
  pastPolicy: Type.Integer({ description: "Tokens idle longer than their owner's policy allows: the next idle-revoke run revokes them." }),
  warned: Type.Integer({ description: 'Tokens within the warning window before that limit.' }),
  tokens: Type.Array(
    Type.Object({ id: Type.String(), idleDays: Type.Integer(), revokeAfterDays: Type.Integer(), lastActiveAt: DateTime }),
    { description: 'The first 100 past their policy, longest idle first.' },
  ),
});
