import ExcelJS from 'exceljs'
import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { inChina } from '../../shared/date'
import { MemberProfileRecord } from '../../shared/membership/records'
import { parseYuanToFen } from '../../shared/membership/dues'
import { DuesMonth, monthLabel, type DuesLine } from '../../shared/union/dues'
import { DUES_IMPORT_COLUMNS, IMPORT_CHUNK_BYTES, IMPORT_MAX_ROWS, type ImportedDues } from '../../shared/union/exports'
import type { Ctx } from '../context'
import { findById, findMany } from '../db'
import { newId } from '../notify/enqueue'
import { currentStints, duesRecordOf, standingLine, writeDuesMonths } from './dues'
import { exemptionsAt } from './exemptions'
import { loadFullUnion } from './office'

export const IMPORTS = 'union_imports'
export const IMPORT_CHUNKS = 'union_import_chunks'
/** A file names at most a year of months; more is a mistake (a whole history belongs in several files). */
const MONTHS_MAX = 12
/** Reported problems: enough to fix a file in one go, short enough to read. */
const PROBLEMS_SHOWN = 20

const ImportDoc = z.object({ _id: z.string(), ownerOpenid: z.string(), unionId: z.string(), size: z.number().int(), chunkCount: z.number().int(), createdAt: z.date() })
const ChunkDoc = z.object({ _id: z.string(), importId: z.string(), index: z.number().int(), data: z.string() })

async function unionForDues(ctx: Ctx, unionId: string) {
  const union = await loadFullUnion(ctx.db, unionId)
  const may = ctx.grants.some((g) => g.unionId === union._id && (g.role === 'chair' || g.role === 'vice_chair'))
  if (!may) throw new AppError('FORBIDDEN', `只有${union.name}的主席、副主席可以导入会费`)
  if (union.dissolvedAt) throw new AppError('CONFLICT', `${union.name}已注销，不能再导入会费`)
  return union
}

/** 导入会费, step 1: a slot for the file, which comes in base64 chunks through the function (like aid uploads). */
export async function startImport(ctx: Ctx, input: { unionId: string; size: number }) {
  const union = await unionForDues(ctx, input.unionId)
  const importId = newId()
  const chunkCount = Math.ceil(input.size / IMPORT_CHUNK_BYTES)
  await ctx.db.collection(IMPORTS).doc(importId).set({ data: { ownerOpenid: ctx.openid, unionId: union._id, size: input.size, chunkCount, createdAt: ctx.now } })
  return { importId, chunkBytes: IMPORT_CHUNK_BYTES, chunkCount }
}

async function ownImport(ctx: Ctx, importId: string) {
  const found = await findById(ctx.db.collection(IMPORTS), importId, ImportDoc)
  if (!found || found.ownerOpenid !== ctx.openid) throw new AppError('NOT_FOUND', '上传已过期，请重新选择文件导入')
  return found
}

/** Step 2: one chunk; the same chunk again (a retry) replaces it. */
export async function importChunk(ctx: Ctx, input: { importId: string; index: number; data: string }) {
  const slot = await ownImport(ctx, input.importId)
  if (input.index >= slot.chunkCount) throw new AppError('INVALID_INPUT', '文件分片序号不正确', { index: '文件分片序号不正确' })
  await ctx.db.collection(IMPORT_CHUNKS).doc(`${slot._id}-${input.index}`).set({ data: { importId: slot._id, index: input.index, data: input.data } })
  return { index: input.index }
}

async function bytesOf(ctx: Ctx, slot: z.infer<typeof ImportDoc>): Promise<Buffer> {
  const chunks = await findMany(ctx.db.collection(IMPORT_CHUNKS).where({ importId: slot._id }).orderBy('index', 'asc'), ChunkDoc, 100)
  const missing = slot.chunkCount - new Set(chunks.map((c) => c.index)).size
  if (missing > 0) throw new AppError('CONFLICT', `文件还有${missing}部分没有传上来，请重新导入`)
  const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.data, 'base64')))
  if (bytes.length !== slot.size) throw new AppError('INVALID_INPUT', '文件内容不完整，请重新导入', { file: '文件内容不完整' })
  return bytes
}

/** A cell as the text a person typed: Excel keeps numbers, dates and rich text apart. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return inChina(value).format('YYYY-MM')
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim()
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text).trim()
    return ''
  }
  return String(value).trim()
}

/** 2025-03, 2025-3, 2025/03, 2025年3月, 202503 → 2025-03; anything else null. */
export function monthOf(text: string): string | null {
  const m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(text.trim())
  if (!m) return null
  const month = `${m[1]}-${String(Number(m[2] ?? m[3])).padStart(2, '0')}`
  return DuesMonth.safeParse(month).success ? month : null
}

const STATUS: Record<string, DuesLine['status']> = { 已缴: 'paid', 免缴: 'exempt', 未缴: 'unpaid' }

interface Row {
  row: number
  memberNo: string
  name: string
  month: string
  line: DuesLine
}

/**
 * 导入会费, step 3: reads the XLSX (columns DUES_IMPORT_COLUMNS), checks every row against the roster,
 * and records each month it names in one transaction — or nothing at all, with every problem named by
 * row and field (up to PROBLEMS_SHOWN). Members on the roster the file leaves out are 未缴 for that month,
 * unless their standing makes them 免缴 (保留会籍, the chair's hardship exemption).
 */
export async function importDues(ctx: Ctx, importId: string): Promise<ImportedDues> {
  const slot = await ownImport(ctx, importId)
  const union = await unionForDues(ctx, slot.unionId)
  try {
    const bytes = await bytesOf(ctx, slot)
    const book = new ExcelJS.Workbook()
    try {
      // exceljs declares its own global `Buffer` (extends ArrayBuffer) that Node's generic Buffer does not satisfy in types
      await book.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
    } catch {
      throw new AppError('INVALID_INPUT', '文件不是Excel表格（.xlsx），请在Excel或WPS中另存为.xlsx后再导入', { file: '不是.xlsx文件' })
    }
    const sheet = book.worksheets[0]
    if (!sheet) throw new AppError('INVALID_INPUT', '表格里没有工作表', { file: '没有工作表' })
    const header = DUES_IMPORT_COLUMNS.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1).value))
    const wrong = DUES_IMPORT_COLUMNS.findIndex((name, i) => header[i] !== name)
    if (wrong >= 0) {
      const found = header[wrong] ? `是「${header[wrong]}」` : '是空的'
      throw new AppError('INVALID_INPUT', `第1行表头第${wrong + 1}列应为「${DUES_IMPORT_COLUMNS[wrong]}」，现在${found}。表头应为：${DUES_IMPORT_COLUMNS.join('、')}`, { header: `第${wrong + 1}列应为「${DUES_IMPORT_COLUMNS[wrong]}」` })
    }
    const raw: Array<{ row: number; cells: string[] }> = []
    sheet.eachRow((r, n) => {
      if (n === 1) return
      const cells = DUES_IMPORT_COLUMNS.map((_, i) => cellText(r.getCell(i + 1).value))
      if (cells.some(Boolean)) raw.push({ row: n, cells })
    })
    if (raw.length === 0) throw new AppError('INVALID_INPUT', '表格里没有会费记录：第2行起每行填一位会员一个月的会费', { file: '没有会费记录' })
    if (raw.length > IMPORT_MAX_ROWS) throw new AppError('INVALID_INPUT', `表格有${raw.length}行会费记录，一次最多导入${IMPORT_MAX_ROWS}行，请分成几个文件导入`, { file: `超过${IMPORT_MAX_ROWS}行` })

    const stints = await currentStints(ctx, union._id)
    const byNo = new Map(stints.map((s) => [s.memberNo, s]))
    const names = await namesOf(ctx, stints.map((s) => s.openid))
    const thisMonth = inChina(ctx.now).format('YYYY-MM')
    const problems: Array<{ row: number; field: string; text: string }> = []
    const problem = (row: number, field: string, text: string) => problems.push({ row, field, text })
    const rows: Row[] = []
    const seen = new Map<string, number>()
    for (const { row, cells } of raw) {
      const [memberNo, name, monthText, amountText, statusText, note] = cells
      const stint = byNo.get(memberNo)
      if (!memberNo) problem(row, '会员编号', '没有填写会员编号')
      else if (!stint) problem(row, '会员编号', `会员编号${memberNo}不在本工会名册中`)
      else if (name && names.get(stint.openid) !== name) problem(row, '姓名', `会员编号${memberNo}的姓名与名册不符（表中为「${name}」）`)
      const month = monthOf(monthText)
      if (!month) problem(row, '月份', monthText ? `月份「${monthText}」看不懂，请写成 2025-03` : '没有填写月份')
      else if (month > thisMonth) problem(row, '月份', `${monthLabel(month)}还没到，不能登记`)
      const status = STATUS[statusText]
      if (!status) problem(row, '状态', statusText ? `状态「${statusText}」应为 已缴、免缴 或 未缴` : '没有填写状态（已缴、免缴 或 未缴）')
      const amountFen = amountText ? parseYuanToFen(amountText) : status === 'paid' ? null : 0
      if (amountFen === null) problem(row, '金额（元）', amountText ? `金额「${amountText}」不是有效的金额` : '已缴的会员请填写金额')
      else if (status && status !== 'paid' && amountFen > 0) problem(row, '金额（元）', `${statusText}的会员金额应为0`)
      else if (amountFen > 1_000_000) problem(row, '金额（元）', '每月会费不会超过1万元，请核对')
      if (!stint || !month || !status || amountFen === null) continue
      const key = `${memberNo}|${month}`
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        problem(row, '会员编号', `会员编号${memberNo}的${monthLabel(month)}会费与第${earlier}行重复`)
        continue
      }
      seen.set(key, row)
      rows.push({ row, memberNo, name, month, line: { memberNo, amountFen: status === 'paid' ? amountFen : 0, status, reason: note.slice(0, 60) } })
    }
    const months = [...new Set(rows.map((r) => r.month))].sort()
    if (months.length > MONTHS_MAX) problem(raw[0].row, '月份', `一个文件最多导入${MONTHS_MAX}个月的会费，这个文件有${months.length}个月`)
    if (problems.length) {
      const shown = problems.slice(0, PROBLEMS_SHOWN)
      const more = problems.length > shown.length ? `，另有${problems.length - shown.length}处` : ''
      throw new AppError(
        'INVALID_INPUT',
        `表格有${problems.length}处需要改正，没有导入任何记录：${shown.map((p) => `第${p.row}行${p.field}：${p.text}`).join('；')}${more}`,
        Object.fromEntries(shown.map((p) => [`row${p.row}`, `${p.field}：${p.text}`])),
      )
    }

    const exempt = await exemptionsAt(ctx.db, union._id)
    const result: ImportedDues['months'] = []
    const records = months.map((month) => {
      const listed = new Map(rows.filter((r) => r.month === month).map((r) => [r.memberNo, r.line]))
      const lines: DuesLine[] = stints.map(
        (s) => listed.get(s.memberNo) ?? standingLine(s, month, exempt) ?? { memberNo: s.memberNo, amountFen: 0, status: 'unpaid', reason: '导入表中未列出' },
      )
      const count = (status: DuesLine['status']) => lines.filter((l) => l.status === status).length
      const record = duesRecordOf(ctx, union, month, lines)
      result.push({ month, monthLabel: monthLabel(month), paid: count('paid'), exempt: count('exempt'), unpaid: count('unpaid'), unlisted: stints.length - listed.size, totalFen: record.totalFen })
      return record
    })
    const firstRowOf = (month: string) => rows.find((r) => r.month === month)?.row ?? 2
    try {
      await writeDuesMonths(ctx, union, records, 'file', '导入')
    } catch (err) {
      // name the row the month came from: the chair finds it in the file
      if (err instanceof AppError && err.code === 'CONFLICT') {
        const month = months.find((m) => err.message.startsWith(monthLabel(m)))
        if (month) throw new AppError('CONFLICT', `第${firstRowOf(month)}行起：${err.message}，整个文件没有导入`, { [`row${firstRowOf(month)}`]: `月份：${monthLabel(month)}已登记` })
      }
      throw err
    }
    return { rows: rows.length, months: result }
  } finally {
    // the file is read once: whatever happened, its chunks go (a new try uploads it again)
    await ctx.db.collection(IMPORT_CHUNKS).where({ importId: slot._id }).remove()
    await ctx.db.collection(IMPORTS).doc(slot._id).remove()
  }
}

async function namesOf(ctx: Ctx, openids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  const _ = ctx.db.command
  for (let i = 0; i < openids.length; i += 100) {
    const ids = openids.slice(i, i + 100)
    const found = await findMany(ctx.db.collection('member_profiles').where({ _id: _.in(ids) }), MemberProfileRecord.pick({ _id: true, name: true }), ids.length)
    for (const p of found) names.set(p._id, p.name)
  }
  return names
}
