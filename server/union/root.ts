import { randomInt } from 'crypto'
import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { UnionRecord } from '../../shared/domain/union'
import type { Database } from '../context'
import { countDocs, findById, findOne, withoutId } from '../db'
import { INVITATIONS } from './invitations'
import { runInTransaction, txGet, txSet } from '../requests/tx'
import { addUnionHistory } from './history'

/** Letters and digits of an invite code, without the look-alikes 0/O and 1/I/L (shared/domain/union InviteCode). */
const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** A fresh 6-character invite code that no union has yet (the unique index on unions.inviteCode is the last word). */
export async function freshInviteCode(db: Database): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = Array.from({ length: 6 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('')
    if (!(await findOne(db.collection('unions').where({ inviteCode: code }), UnionRecord))) return code
  }
  throw new Error('no free invite code after 10 attempts')
}

/** `union_meta/root`: names the root federation, so two bootstraps at once still make one root. */
const META = 'union_meta'
const ROOT_KEY = 'root'
const RootMeta = z.object({ unionId: z.string() })

export interface RootFederationInput {
  name: string
  region: string
  now?: Date
}

/**
 * The top of the tree (区/县总工会) for a new deployment: returns the existing root when there is
 * one, otherwise creates it with its history line. Called by the bootstrap command, not by a phone.
 */
export async function ensureRootFederation(db: Database, input: RootFederationInput): Promise<{ union: UnionRecord; created: boolean }> {
  const now = input.now ?? new Date()
  const existing = await findOne(db.collection('unions').where({ parentId: null }).orderBy('_id', 'asc'), UnionRecord)
  if (existing) return { union: existing, created: false }
  const name = input.name.trim()
  if (!name) throw new Error('the root federation needs a name')
  const id = `u-${randomInt(2 ** 40).toString(36)}`
  const union: UnionRecord = {
    _id: id,
    name,
    level: 'federation',
    parentId: null,
    path: [id],
    region: input.region.trim(),
    employer: '',
    acceptsGigWorkers: false,
    inviteCode: await freshInviteCode(db),
  }
  return runInTransaction(db, async (tx) => {
    const meta = await txGet(tx, META, ROOT_KEY)
    if (meta !== null) {
      const root = UnionRecord.parse(await txGet(tx, 'unions', RootMeta.parse(meta).unionId))
      return { union: root, created: false }
    }
    await txSet(tx, 'unions', id, { ...withoutId(union), createdAt: now })
    await txSet(tx, META, ROOT_KEY, { unionId: id, createdAt: now })
    await addUnionHistory(tx, { unionId: id, unionPath: union.path, at: now, actorOpenid: '', action: 'create_root', role: null, subjectOpenid: null, note: `建立${name}` })
    return { union, created: true }
  })
}

/**
 * `npm run bootstrap -- --reinvite`: the root whose first invitation expired unaccepted needs another,
 * and only then: once anyone holds an office at the root, they invite people from the mini-program.
 * Older bootstrap invitations still open are expired, so one link is live at a time.
 */
export async function rootAwaitingAdmin(db: Database, now: Date): Promise<UnionRecord> {
  const meta = await findById(db.collection(META), ROOT_KEY, RootMeta)
  const root = meta
    ? await findById(db.collection('unions'), meta.unionId, UnionRecord)
    : await findOne(db.collection('unions').where({ parentId: null }).orderBy('_id', 'asc'), UnionRecord)
  if (!root) throw new AppError('NOT_FOUND', '还没有总工会：请先不带 --reinvite 运行 npm run bootstrap 建立')
  const officers = await countDocs(db.collection('roles').where({ unionId: root._id, role: db.command.neq('member') }))
  if (officers > 0) throw new AppError('CONFLICT', `「${root.name}」已经有工作人员，不能再发第一位管理员的邀请；请由其工作人员在小程序里邀请其他人`)
  await db.collection(INVITATIONS).where({ unionId: root._id, createdBy: 'bootstrap', usedAt: null }).update({ data: { expiresAt: now } })
  return root
}
