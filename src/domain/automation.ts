/** Shapes of the automation records, as the stores return them and the routes show them. */
import type { EventType } from './events.js';
import type { HygieneAction } from './hygiene.js';

export type WebhookFormat = 'standard' | 'slack';

export interface WebhookEndpoint {
  id: string;
  orgId: string;
  url: string;
  description: string | null;
  /** Empty: every event type. */
  eventTypes: EventType[];
  format: WebhookFormat;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type DeliveryChannel = 'webhook' | 'email';
export type DeliveryStatus = 'pending' | 'delivering' | 'succeeded' | 'dead';

export interface Delivery {
  id: string;
  orgId: string;
  eventId: string;
  channel: DeliveryChannel;
  /** Webhook endpoint id, or e-mail address. */
  target: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  lastStatusCode: number | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export type JobRunStatus = 'pending' | 'running' | 'succeeded' | 'failed';
export type JobTrigger = 'schedule' | 'manual';

export interface JobRun {
  id: string;
  orgId: string;
  jobName: string;
  scheduledAt: Date;
  trigger: JobTrigger;
  status: JobRunStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  plannedAt: Date | null;
  actions: HygieneAction[] | null;
  doneCount: number;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}
