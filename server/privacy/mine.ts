import { z } from 'zod'
import { consentPurposeUse, consentWithdrawEffect, type AccessEntry, type ConsentItem } from '../../shared/account/privacy'
import { DEFAULT_NICKNAME } from '../../shared/account/schemas'
import { AppError } from '../../shared/contract'
import { Role, roleLabel } from '../../shared/domain/union'
import { MemberProfileRecord } from '../../shared/membership/records'
import { consentPurposeLabel } from '../../shared/privacy/consent'
import { maskName } from '../../shared/privacy/mask'
import type { Ctx } from '../context'
import { findById, findMany } from '../db'
import { releaseIdClaim } from '../membership/idClaims'
import { PROFILES } from '../membership/profiles'
import { runInTransaction, txGet, txUpdate } from '../requests/tx'
import { AUDIT_LOG, AuditEntry } from './audit'
import { CONSENTS, ConsentDoc, currentConsent, withdrawConsent } from './consent'

/** Nobody gives 100 consents; the list shows them all, newest first. */
const CONSENT_LIMIT = 100
/** The access log looks through the person's latest requests. */
const REQUEST_LIMIT = 100

const ProxyName = z.object({ cadreOpenid: z.string(), cadreName: z.string() })

const keyOf = (c: Pick<ConsentDoc, 'purpose' | 'onBehalfOf'>) => `${c.purpose}|${c.onBehalfOf ?? ''}`

function itemOf(latest: ConsentDoc, grant: ConsentDoc | undefined, to: string | null): ConsentItem {
  return {
    id: latest._id,
    purpose: latest.purpose,
    label: consentPurposeLabel[latest.purpose],
    use: consentPurposeUse[latest.purpose],
    to,
    version: latest.version,
    grantedAt: (grant ?? latest).grantedAt,
    withdrawn: latest.withdrawn,
    withdrawnAt: latest.withdrawn ? latest.grantedAt : null,
    withdrawEffect: consentWithdrawEffect[latest.purpose],
  }
}

/** 代办 consents name the cadre they were given to (the worker knows her cadre); other consents name nobody. */
async function cadreNames(ctx: Ctx): Promise<Map<string, string>> {
  const proxies = await findMany(ctx.db.collection('aid_proxies').where({ workerOpenid: ctx.openid }).orderBy('createdAt', 'desc'), ProxyName, 50)
  return new Map(proxies.map((p) => [p.cadreOpenid, `工会干部${p.cadreName}`]))
}

/** Every consent the caller gave or withdrew: the one in force (or its withdrawal) per purpose and person, newest first. */
export async function listMyConsents(ctx: Ctx): Promise<ConsentItem[]> {
  const records = await findMany(ctx.db.collection(CONSENTS).where({ openid: ctx.openid }).orderBy('grantedAt', 'desc'), ConsentDoc, CONSENT_LIMIT)
  const byKey = new Map<string, ConsentDoc[]>()
  for (const r of records) byKey.set(keyOf(r), [...(byKey.get(keyOf(r)) ?? []), r])
  const names = records.some((r) => r.purpose === 'proxy_filing') ? await cadreNames(ctx) : new Map<string, string>()
  return [...byKey.values()].map(([latest, ...older]) => {
    const grant = latest.withdrawn ? older.find((o) => !o.withdrawn) : latest
    const to = latest.onBehalfOf ? names.get(latest.onBehalfOf) ?? '工会干部' : null
    return itemOf(latest, grant, to)
  })
}

/**
 * 撤回同意: appends the withdrawal, after which every check of that consent refuses (requireConsent /
 * hasConsent read the latest record), so processing stops at once: a cadre's 代办 access
 * (server/aid/subject.ts), new aid or membership submissions. Withdrawing the ID consent also deletes
 * the ID number from the profile in the same transaction. Decided records keep what the law requires.
 */
export async function withdrawMyConsent(ctx: Ctx, consentId: string): Promise<{ item: ConsentItem; message: string }> {
  const doc = await findById(ctx.db.collection(CONSENTS), consentId, ConsentDoc)
  if (!doc || doc.openid !== ctx.openid) throw new AppError('NOT_FOUND', '没有找到这项授权')
  const current = await currentConsent(ctx.db, ctx.openid, doc.purpose, doc.onBehalfOf ?? undefined)
  if (!current || current._id !== doc._id) throw new AppError('CONFLICT', '这项授权已经撤回或更新了，请刷新后再看')
  const input = { openid: ctx.openid, purpose: doc.purpose, version: doc.version, onBehalfOf: doc.onBehalfOf ?? undefined, at: ctx.now }

  let withdrawalId: string
  if (doc.purpose === 'id_number') {
    withdrawalId = await runInTransaction(ctx.db, async (tx) => {
      const raw = await txGet(tx, PROFILES, ctx.openid)
      const profile = raw === null ? null : MemberProfileRecord.parse(raw)
      if (profile?.openRequest) {
        throw new AppError('CONFLICT', '您有一份入会或转会申请正在办理，审核需要用到身份证号。请先在申请页撤回申请，再撤回这项授权')
      }
      if (profile?.idNumber) {
        await releaseIdClaim(tx, profile.idNumber.hash, ctx.openid)
        await txUpdate(tx, PROFILES, ctx.openid, { idNumber: null, idPending: false, updatedAt: ctx.now })
      }
      return withdrawConsent(tx, input)
    })
  } else {
    withdrawalId = await withdrawConsent(ctx.db, input)
  }
  const withdrawal: ConsentDoc = { ...doc, _id: withdrawalId, grantedAt: ctx.now, withdrawn: true }
  const to = doc.onBehalfOf ? (await cadreNames(ctx)).get(doc.onBehalfOf) ?? '工会干部' : null
  return { item: itemOf(withdrawal, doc, to), message: `已撤回“${consentPurposeLabel[doc.purpose]}”` }
}

/**
 * The request kinds' names, without registering every kind in this function's bundle (the registry's
 * kinds pull in the aid, events and membership code). A kind not listed reads 申请.
 */
const KIND_LABEL: Record<string, string> = {
  'membership.join': '入会申请',
  'membership.transfer': '转会申请',
  'aid.schoolAid': '金秋助学申请',
  'aid.hardship': '困难帮扶申请',
  'event.signup': '活动报名',
  'general.matter': '事项申请',
}
const kindLabelOf = (kind: string): string => KIND_LABEL[kind] ?? '申请'

const MyRequest = z.object({ _id: z.string(), kind: z.string() })
const ActorRole = z.object({ openid: z.string(), unionId: z.string(), role: Role })
const Named = z.object({ _id: z.string(), name: z.string() })
const Nick = z.object({ _id: z.string(), nickName: z.string() })
/** which role names the viewer best: the one that reviews */
const ROLE_ORDER: Role[] = ['chair', 'vice_chair', 'staff', 'committee', 'member']

function whatOf(entry: AuditEntry): string {
  if (entry.action === 'export') return '导出的名单'
  if (entry.action === 'view_attachment') return '申请材料'
  const last = entry.field.split('.').pop() ?? ''
  const child = entry.field.startsWith('child.')
  const label: Record<string, string> = { idNumber: '身份证号', bankCard: '银行卡号', phone: '手机号', name: '姓名', diagnosis: '病情诊断' }
  return `${child ? '孩子的' : ''}${label[last] ?? '敏感信息'}`
}

/**
 * 谁看过我的信息: the audit log (server/privacy/audit.ts) entries about the caller's own data — full
 * views of her ID number, bank card and documents — newest first, each naming the viewer by union,
 * role and masked name, never by openid.
 */
export async function myAccessLog(ctx: Ctx, input: { before?: Date; limit: number }): Promise<{ items: AccessEntry[]; nextBefore: Date | null }> {
  const _ = ctx.db.command
  const mine = await findMany(ctx.db.collection('requests').where({ applicantOpenid: ctx.openid }).orderBy('submittedAt', 'desc'), MyRequest, REQUEST_LIMIT)
  const kindOf = new Map(mine.map((r) => [r._id, r.kind]))
  const about = mine.length ? _.or({ subjectOpenid: ctx.openid }, { requestId: _.in(mine.map((r) => r._id)) }) : { subjectOpenid: ctx.openid }
  const where = input.before ? _.and(about, { at: _.lt(input.before) }) : about
  const found = await findMany(ctx.db.collection(AUDIT_LOG).where(where).orderBy('at', 'desc'), AuditEntry, input.limit + 1)
  const shown = found.slice(0, input.limit)

  const actors = [...new Set(shown.map((e) => e.actorOpenid).filter((o) => o && o !== ctx.openid))]
  const [roles, users] = actors.length
    ? await Promise.all([
        findMany(ctx.db.collection('roles').where({ openid: _.in(actors) }), ActorRole, 100),
        findMany(ctx.db.collection('users').where({ _id: _.in(actors) }), Nick, 100),
      ])
    : [[], []]
  const unionIds = [...new Set(roles.map((r) => r.unionId))]
  const unions = unionIds.length ? await findMany(ctx.db.collection('unions').where({ _id: _.in(unionIds) }), Named, 100) : []
  const whoOf = (openid: string): string => {
    if (openid === ctx.openid) return '您本人'
    const role = roles.filter((r) => r.openid === openid).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))[0]
    const nick = users.find((u) => u._id === openid)?.nickName ?? ''
    const name = nick && nick !== DEFAULT_NICKNAME ? maskName(nick) : ''
    const unionName = role ? unions.find((u) => u._id === role.unionId)?.name ?? '' : ''
    return [unionName, role ? roleLabel[role.role] : '工会工作人员', name].filter(Boolean).join(' ')
  }
  return {
    items: shown.map((e) => ({
      id: e._id,
      at: e.at,
      who: whoOf(e.actorOpenid),
      what: whatOf(e),
      context: e.requestId ? kindLabelOf(kindOf.get(e.requestId) ?? '') : '',
    })),
    nextBefore: found.length > input.limit ? shown[shown.length - 1].at : null,
  }
}
