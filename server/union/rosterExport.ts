import ExcelJS from 'exceljs'
import { AppError } from '../../shared/contract'
import { formatDate, inChina } from '../../shared/date'
import { MemberProfileRecord, MembershipRecord } from '../../shared/membership/records'
import { workerTypeLabel } from '../../shared/membership/schemas'
import { maskPhone } from '../../shared/privacy/mask'
import { rosterStatusLabel } from '../../shared/union/admin'
import type { ExportRosterInput } from '../../shared/union/exports'
import { isStaffOver } from '../../shared/union/officers'
import type { z } from 'zod'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { writeAudit } from '../privacy/audit'
import { openSensitive } from '../privacy/crypto'
import { runInTransaction } from '../requests/tx'
import { publishExport } from '../storage'
import { arrearsAt } from './arrears'
import { exemptionsAt } from './exemptions'
import { addUnionHistory } from './history'
import { mayReadMembers, mayReveal } from './members'
import { loadFullUnion } from './office'

const PAGE = 100
/** A street's subtree of a few thousand members fits; beyond it the export asks for one union at a time. */
export const EXPORT_MAX_ROWS = 5000
/** Audit lines written per transaction when full numbers leave. */
const AUDIT_BATCH = 50

type Profile = Pick<MemberProfileRecord, '_id' | 'name' | 'phone' | 'idNumber' | 'gender' | 'workerType' | 'employer'>
const ProfileFields = MemberProfileRecord.pick({ _id: true, name: true, phone: true, idNumber: true, gender: true, workerType: true, employer: true })

const COLUMNS = ['序号', '会员编号', '姓名', '性别', '手机号', '身份证号', '就业方式', '农民工', '工作单位', '所在工会', '会籍状态', '入会时间', '本会起始', '拟除名', '会费']

/**
 * 导出会员名册 as XLSX: masked numbers by default; full phone and ID numbers only for the union's chair,
 * vice-chairs and the federation staff over it, and then every member's full view is in the audit log
 * (she sees it in 谁看过我的信息) before the file is written. The export is in the union's history.
 */
export async function exportRoster(ctx: Ctx, input: z.output<typeof ExportRosterInput>) {
  const union = await loadFullUnion(ctx.db, input.unionId)
  if (!mayReadMembers(ctx, union)) throw new AppError('FORBIDDEN', `只有${union.name}的工会干部和上级工会可以导出会员名册`)
  if (input.subtree && !isStaffOver(ctx.grants, union)) throw new AppError('FORBIDDEN', '只有上级工会干部可以导出下属工会的会员')
  if (input.full && !mayReveal(ctx, union)) throw new AppError('FORBIDDEN', '只有本工会主席、副主席和上级工会可以导出完整的手机号和身份证号', { full: '您只能导出隐去部分号码的名册' })

  const stints = await allStints(ctx, input)
  const profiles = await profilesOf(ctx, [...new Set(stints.map((s) => s.openid))])
  const unionIds = [...new Set(stints.filter((s) => s.status === 'active' || s.status === 'retained').map((s) => s.unionId))]
  const marks = new Map(await Promise.all(unionIds.map(async (id) => [id, { arrears: await arrearsAt(ctx.db, id), exempt: await exemptionsAt(ctx.db, id) }] as const)))

  if (input.full) {
    // no full number leaves without its record: the audit lines first, in small transactions
    const people = [...new Set(stints.map((s) => s.openid))]
    for (let i = 0; i < people.length; i += AUDIT_BATCH) {
      await runInTransaction(ctx.db, async (tx) => {
        for (const openid of people.slice(i, i + AUDIT_BATCH)) {
          await writeAudit(tx, { actorOpenid: ctx.openid, action: 'export', subjectCollection: 'member_profiles', subjectId: union._id, field: 'roster', requestId: null, subjectOpenid: openid, at: ctx.now })
        }
      })
    }
  }

  const book = new ExcelJS.Workbook()
  book.creator = '工会通'
  book.created = ctx.now
  const sheet = book.addWorksheet('会员名册')
  sheet.addRow([`${union.name}${input.subtree ? '及下属工会' : ''} 会员名册`]).font = { bold: true, size: 14 }
  sheet.addRow([`导出时间：${inChina(ctx.now).format('YYYY-MM-DD HH:mm')}  ${input.full ? '含完整手机号和身份证号，请妥善保管，勿外传' : '手机号、身份证号已隐去部分数字'}`])
  sheet.addRow(COLUMNS).font = { bold: true }
  stints.forEach((s, i) => {
    const p = profiles.get(s.openid)
    const current = s.status === 'active' || s.status === 'retained'
    const mark = marks.get(s.unionId)
    const phone = p?.phone ? (input.full ? p.phone : maskPhone(p.phone)) : ''
    const id = p?.idNumber ? (input.full ? openSensitive(p.idNumber) : p.idNumber.masked) : ''
    sheet.addRow([
      i + 1,
      s.memberNo,
      p?.name ?? '',
      p?.gender === 'female' ? '女' : p?.gender === 'male' ? '男' : '',
      phone,
      id,
      p ? workerTypeLabel[p.workerType] : '',
      // the stint's own mark (carried from the application), as the roster's 农民工 filter reads it
      s.migrant ? '是' : '否',
      p?.employer ?? '',
      s.unionName,
      rosterStatusLabel[s.status],
      formatDate(s.joinedAt),
      formatDate(s.from),
      current && mark?.arrears.has(s.memberNo) ? '拟除名' : '',
      current && mark?.exempt.has(s.memberNo) ? '免缴' : '',
    ])
  })
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 6 : i === 5 ? 22 : i === 7 ? 8 : i === 9 ? 30 : 14
  })
  sheet.views = [{ state: 'frozen', ySplit: 3 }]
  const content = Buffer.from(await book.xlsx.writeBuffer())
  const fileName = `${union.name}-会员名册-${inChina(ctx.now).format('YYYYMMDD')}.xlsx`
  const { url, expiresAt } = await publishExport(ctx, `union/${union._id}`, fileName, content)
  await runInTransaction(ctx.db, (tx) =>
    addUnionHistory(tx, {
      unionId: union._id,
      unionPath: union.path,
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'export_roster',
      role: null,
      subjectOpenid: null,
      note: `导出会员名册${input.subtree ? '（含下属工会）' : ''}${stints.length}人，${input.full ? '含完整号码' : '号码已隐去部分数字'}`,
    }),
  )
  return { url, fileName, rows: stints.length, expiresAt, full: input.full }
}

/** Every stint the export covers, by _id pages (ids stay on the server), at most EXPORT_MAX_ROWS. */
async function allStints(ctx: Ctx, input: z.output<typeof ExportRosterInput>): Promise<MembershipRecord[]> {
  const _ = ctx.db.command
  const where: Record<string, unknown> = input.subtree ? { unionPath: input.unionId } : { unionId: input.unionId }
  if (input.status) where.status = input.status
  const all: MembershipRecord[] = []
  let after = ''
  for (;;) {
    const page = await findMany(ctx.db.collection('memberships').where({ ...where, ...(after ? { _id: _.gt(after) } : {}) }).orderBy('_id', 'asc'), MembershipRecord, PAGE)
    all.push(...page)
    if (all.length > EXPORT_MAX_ROWS) throw new AppError('QUOTA', `会员超过${EXPORT_MAX_ROWS}人，请按基层工会分别导出`)
    if (page.length < PAGE) break
    after = page[page.length - 1]._id
  }
  // the list reads like the roster: by union, then member number
  return all.sort((a, b) => a.unionName.localeCompare(b.unionName, 'zh') || a.memberNo.localeCompare(b.memberNo) || a.from.getTime() - b.from.getTime())
}

async function profilesOf(ctx: Ctx, openids: readonly string[]): Promise<Map<string, Profile>> {
  const _ = ctx.db.command
  const found = new Map<string, Profile>()
  for (let i = 0; i < openids.length; i += PAGE) {
    const ids = openids.slice(i, i + PAGE)
    for (const p of await findMany(ctx.db.collection('member_profiles').where({ _id: _.in(ids) }), ProfileFields, ids.length)) found.set(p._id, p)
  }
  return found
}
