export { enqueue, type EnqueueInput } from './enqueue'
export { deliverPending, BACKOFF_MS, MAX_ATTEMPTS, type DeliverSummary } from './deliver'
export { loadNotifySettings, type NotifySettings } from './config'
export type { Writer } from './transaction'
