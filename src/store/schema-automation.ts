/** Kysely table types (migration 0009): the events outbox, webhooks, deliveries, settings, job runs. See schema.ts for the conventions. */
/** The outbox. Written in the transaction of the change that raised the event. */
export interface EventTable {
  id: string;
  org_id: string;
  type: string;
  /** JSON object, the event's payload. */
  payload: string;
  occurred_at: number;
  dispatched_at: number | null;
}

export interface WebhookEndpointTable {
  id: string;
  org_id: string;
  url: string;
  description: string | null;
  /** JSON array of event types; empty: every type. */
  event_types: string;
  format: string;
  /**
   * The `whsec_` secret, sealed with the pepper-derived key (src/domain/secret-box.ts). During a
   * rotation: `<new sealed> <old sealed>@<until ms>` (src/store/webhook-store.ts).
   */
  secret_sealed: string;
  enabled: number;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface DeliveryTable {
  id: string;
  org_id: string;
  event_id: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  last_status_code: number | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

export interface SmtpSettingsTable {
  org_id: string;
  host: string;
  port: number;
  secure: number;
  username: string | null;
  password_sealed: string | null;
  from_address: string;
  enabled: number;
  updated_at: number;
}

export interface AutomationSettingsTable {
  org_id: string;
  /** JSON object, domain `AutomationSettings`. */
  settings: string;
  updated_at: number;
}

export interface JobRunTable {
  id: string;
  org_id: string;
  job_name: string;
  scheduled_at: number;
  trigger: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  planned_at: number | null;
  /** JSON array of the planned actions. */
  actions: string | null;
  done_count: number;
  last_error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface TokenNoticeTable {
  token_id: string;
  notice_key: string;
  created_at: number;
}
