import { createHash, randomBytes } from 'crypto'
import { AppError } from '../../shared/contract'
import { RoleRecord, UnionRecord, roleLabel } from '../../shared/domain/union'
import {
  InvitationRecord,
  invitationPath,
  invitationRefusal,
  invitationState,
  type InvitableRole,
  type InvitationPreview,
} from '../../shared/union/invitations'
import type { Database } from '../context'
import { findById, findOne, withoutId } from '../db'
import { roleIdFor } from '../privacy/opaqueIds'
import { runInTransaction, txGet, txSet, txUpdate } from '../requests/tx'
import { addUnionHistory } from './history'

export const INVITATIONS = 'union_invitations'

/** The stored key of a token: a leaked database copy holds no link anyone could open. */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** One grant per (openid, union, role); the id is opaque (server/privacy/opaqueIds.ts): it reaches phones and must not carry the openid. */
export const roleIdOf = (openid: string, unionId: string, role: string): string => roleIdFor(openid, unionId, role)

export interface NewInvitation {
  unionId: string
  role: InvitableRole
  /** openid of the inviter, or 'bootstrap' for the deployment's first administrator */
  createdBy: string
  expiresAt: Date
  now?: Date
}

/**
 * 任职邀请: stores the hash of a fresh random token with the union and office it grants, writes the
 * history line in the same transaction, and returns the token and the page that accepts it.
 * No permission check here: actions check who may invite, the bootstrap command is the operator.
 */
export async function createInvitation(db: Database, input: NewInvitation): Promise<{ token: string; path: string; expiresAt: Date; unionName: string }> {
  const now = input.now ?? new Date()
  if (input.expiresAt.getTime() <= now.getTime()) throw new AppError('INVALID_INPUT', '邀请的有效期必须晚于现在', { expiresAt: '有效期已过' })
  const union = await findById(db.collection('unions'), input.unionId, UnionRecord)
  if (!union) throw new AppError('NOT_FOUND', '没有找到这个工会，可能已撤销或合并')
  const token = randomBytes(24).toString('base64url')
  const record: InvitationRecord = {
    _id: tokenHash(token),
    unionId: union._id,
    unionPath: union.path,
    unionName: union.name,
    role: input.role,
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt: input.expiresAt,
    usedAt: null,
    usedBy: null,
  }
  await runInTransaction(db, async (tx) => {
    await txSet(tx, INVITATIONS, record._id, withoutId(record))
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: now,
      actorOpenid: input.createdBy === 'bootstrap' ? '' : input.createdBy,
      action: 'invite',
      role: input.role,
      subjectOpenid: null,
      note: `邀请担任${roleLabel[input.role]}，有效至${input.expiresAt.toISOString()}`,
    })
  })
  return { token, path: invitationPath(token), expiresAt: input.expiresAt, unionName: union.name }
}

async function findInvitation(db: Database, token: string): Promise<InvitationRecord | null> {
  return findById(db.collection(INVITATIONS), tokenHash(token), InvitationRecord)
}

/** What the accept page shows before the tap; an unknown token is NOT_FOUND. */
export async function previewInvitation(db: Database, token: string, now: Date): Promise<InvitationPreview> {
  const inv = await findInvitation(db, token)
  if (!inv) throw new AppError('NOT_FOUND', invitationRefusal.unknown, { token: invitationRefusal.unknown })
  return { unionId: inv.unionId, unionName: inv.unionName, role: inv.role, roleLabel: roleLabel[inv.role], expiresAt: inv.expiresAt, state: invitationState(inv, now) }
}

/**
 * 接受邀请: the caller becomes holder of the invited office, in one transaction that also spends the
 * invitation and writes the history, so a forwarded link that was already used finds it spent.
 * Refused: unknown, used, expired; an office the caller already holds (the link stays usable);
 * a chair's seat that someone else holds.
 */
export async function acceptInvitation(db: Database, openid: string, token: string, now: Date): Promise<{ unionId: string; unionName: string; role: InvitableRole }> {
  if (!openid) throw new AppError('UNAUTHENTICATED')
  const id = tokenHash(token)
  const peek = await findById(db.collection(INVITATIONS), id, InvitationRecord)
  if (!peek) throw new AppError('NOT_FOUND', invitationRefusal.unknown, { token: invitationRefusal.unknown })
  // A spent or expired link says so first, whoever opens it (a forwarded link must not read as a seat conflict).
  const seen = invitationState(peek, now)
  if (seen !== 'open') throw new AppError('CONFLICT', invitationRefusal[seen], { token: invitationRefusal[seen] })
  // One chair per union. A query cannot run inside a transaction, so the seat is read first; the
  // role's fixed id makes the same person's double tap harmless, and a replaced chair is removed first.
  if (peek.role === 'chair') {
    const sitting = await findOne(db.collection('roles').where({ unionId: peek.unionId, role: 'chair' }), RoleRecord)
    if (sitting && sitting.openid !== openid) throw new AppError('CONFLICT', `${peek.unionName}已有工会主席，请先由上级工会办理卸任后再接受邀请`)
  }
  return runInTransaction(db, async (tx) => {
    const raw = await txGet(tx, INVITATIONS, id)
    if (raw === null) throw new AppError('NOT_FOUND', invitationRefusal.unknown, { token: invitationRefusal.unknown })
    const inv = InvitationRecord.parse(raw)
    const state = invitationState(inv, now)
    if (state !== 'open') throw new AppError('CONFLICT', invitationRefusal[state], { token: invitationRefusal[state] })
    const unionRaw = await txGet(tx, 'unions', inv.unionId)
    if (unionRaw === null) throw new AppError('NOT_FOUND', '邀请您任职的工会已撤销，请与邀请人联系')
    const union = UnionRecord.parse(unionRaw)
    const roleId = roleIdOf(openid, union._id, inv.role)
    if ((await txGet(tx, 'roles', roleId)) !== null) throw new AppError('CONFLICT', `您已经是${union.name}的${roleLabel[inv.role]}，无需再次接受`)
    const grant: RoleRecord = { _id: roleId, openid, unionId: union._id, role: inv.role, unionPath: union.path, grantedAt: now, grantedBy: inv.createdBy }
    await txSet(tx, 'roles', roleId, withoutId(grant))
    await txUpdate(tx, INVITATIONS, id, { usedAt: now, usedBy: openid })
    await addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: now,
      actorOpenid: openid,
      action: 'accept_invitation',
      role: inv.role,
      subjectOpenid: openid,
      note: `接受邀请，担任${roleLabel[inv.role]}`,
    })
    return { unionId: union._id, unionName: union.name, role: inv.role }
  })
}
