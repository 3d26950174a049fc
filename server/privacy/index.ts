export { encryptField, decryptField, keyedHash, sealSensitive, openSensitive } from './crypto'
export { recordConsent, withdrawConsent, requireConsent, hasConsent, currentConsent, CONSENTS, type ConsentInput } from './consent'
export { revealSensitive, writeAudit, AUDIT_LOG, type AuditEntry } from './audit'
