import ExcelJS from 'exceljs'
import { formatDateTime, inChina } from '../../shared/date'
import type { EventRecord, ParticipantRow, UnionCount } from '../../shared/events/schemas'
import { SignupRecord } from '../../shared/events/schemas'
import type { Ctx } from '../context'
import { findMany } from '../db'
import { publishExport } from '../storage'
import { participantsQuery, rowOf, teamsOf } from './participants'

export { EXPORT_LINK_SECONDS } from '../storage'
const PAGE = 100
/** capacity plus a long queue; beyond this the export says it is partial rather than run for minutes */
const MAX_ROWS = 5000

/** Every participant row of the export, paged by _id. */
export async function allRows(ctx: Ctx, event: EventRecord, units: string[] | null): Promise<ParticipantRow[]> {
  const rows: ParticipantRow[] = []
  let after = ''
  while (rows.length < MAX_ROWS) {
    const page = await findMany(participantsQuery(ctx, event, units, 'all', after), SignupRecord, PAGE)
    const teams = await teamsOf(ctx, page)
    rows.push(...page.map((s) => rowOf(event, s, teams.get(s.teamId))))
    const last = page[page.length - 1]
    if (page.length < PAGE || !last) break
    after = last._id
  }
  return rows
}

function header(event: EventRecord): string[] {
  return ['序号', '姓名', '所在单位', ...(event.mode === 'team' ? ['队伍'] : []), '报名状态', '签到', ...event.fields.map((f) => f.label), '报名时间']
}

function cells(event: EventRecord, row: ParticipantRow, index: number): Array<string | number> {
  return [
    index + 1,
    row.name,
    row.unionName,
    ...(event.mode === 'team' ? [row.team] : []),
    row.statusLabel,
    row.attendance,
    ...row.answers.map((a) => a.value),
    formatDateTime(row.signedUpAt),
  ]
}

/** RFC 4180 quoting, and a leading ' for text a spreadsheet would run as a formula. */
function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** UTF-8 with a BOM, so Excel on a union office's PC opens the Chinese text correctly. */
export function toCsv(event: EventRecord, rows: readonly ParticipantRow[]): Buffer {
  const lines = [header(event), ...rows.map((r, i) => cells(event, r, i))].map((line) => line.map(csvCell).join(','))
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')])
}

/** The list sheet, then a 各单位汇总 sheet with each unit's numbers and its 领队. */
export async function toXlsx(event: EventRecord, rows: readonly ParticipantRow[], unitLabel: string, counts: readonly UnionCount[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '工会通'
  book.created = new Date()
  const sheet = book.addWorksheet('报名名单')
  const cols = header(event)
  sheet.addRow([`${event.title} 报名名单`])
  sheet.addRow([`${event.unionName}  ${unitLabel}  活动时间：${formatDateTime(event.startAt)}  地点：${event.place}`])
  sheet.addRow(cols).font = { bold: true }
  rows.forEach((r, i) => sheet.addRow(cells(event, r, i)))
  sheet.getRow(1).font = { bold: true, size: 14 }
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 6 : Math.max(10, Math.min(30, (cols[i]?.length ?? 4) * 2 + 4))
  })
  sheet.views = [{ state: 'frozen', ySplit: 3 }]
  const summary = book.addWorksheet('各单位汇总')
  summary.addRow(['单位', '报名成功', '待审核', '候补', '已签到', '领队', '领队电话']).font = { bold: true }
  for (const c of counts) summary.addRow([c.unionName, c.confirmed, c.pending, c.waitlisted, c.checkedIn, c.leadName, c.leadPhone])
  summary.columns.forEach((col, i) => {
    col.width = i === 0 ? 30 : 12
  })
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** An event's list in private storage, as a short-lived link. */
export const publishFile = (ctx: Ctx, eventId: string, fileName: string, content: Buffer) => publishExport(ctx, `events/${eventId}`, fileName, content)

