import { randomBytes } from 'crypto'
import { AppError } from '../../shared/contract'
import type { UnionFullRecord, UnionRegistration } from '../../shared/union/admin'
import { UnionFullRecord as UnionFull } from '../../shared/union/admin'
import type { Database } from '../context'
import { findOne } from '../db'

/** A new union's id: opaque, short, safe in a URL and in UnionId. */
export const newUnionId = (): string => `u-${randomBytes(8).toString('hex')}`

/** One union per employer: a live union with the same 统一社会信用代码 refuses the registration, naming it. */
export async function refuseTakenCreditCode(db: Database, creditCode: string): Promise<void> {
  const _ = db.command
  const taken = await findOne(db.collection('unions').where({ creditCode, dissolvedAt: _.eq(null) }), UnionFull)
  if (taken) {
    const message = `这家单位已经建立了工会：${taken.name}`
    throw new AppError('CONFLICT', message, { creditCode: message })
  }
}

/** The stored document of a new grassroots union under `parent`. */
export function grassrootsUnion(
  id: string,
  parent: Pick<UnionFullRecord, '_id' | 'path'>,
  reg: UnionRegistration,
  inviteCode: string,
  now: Date,
): UnionFullRecord {
  return {
    _id: id,
    name: reg.name,
    level: 'grassroots',
    parentId: parent._id,
    path: [...parent.path, id],
    region: reg.region,
    employer: reg.employer,
    acceptsGigWorkers: false,
    inviteCode,
    creditCode: reg.creditCode,
    address: reg.address,
    industry: reg.industry,
    employeeCount: reg.employeeCount,
    createdAt: now,
    dissolvedAt: null,
  }
}
