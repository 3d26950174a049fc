import ExcelJS from 'exceljs'
import { randomBytes } from 'crypto'
import { inChina } from '../../shared/date'
import type { YearFigures } from '../../shared/stats/figures'
import { figureTables } from '../../shared/stats/tables'
import type { Ctx } from '../context'
import { storeFile, tempUrls } from '../storage'

/** An export link lives 10 minutes: long enough to download, too short to pass around. */
const LINK_SECONDS = 600

/** One sheet per table, under the same headings as the page, for the year-end report. */
export async function yearXlsx(f: YearFigures): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '工会通'
  book.created = new Date()
  for (const t of figureTables(f)) {
    const sheet = book.addWorksheet(t.title)
    sheet.addRow([`${f.unionName} ${f.year}年 ${t.title}`]).font = { bold: true, size: 14 }
    sheet.addRow(t.head).font = { bold: true }
    for (const row of t.rows) sheet.addRow(row)
    sheet.columns.forEach((col) => {
      col.width = 16
    })
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

export async function publishYear(ctx: Ctx, f: YearFigures): Promise<{ url: string; fileName: string; expiresAt: Date }> {
  const fileName = `${f.unionName}-${f.year}年度数据.xlsx`
  const cloudPath = `exports/stats/${f.unionId}/${inChina(ctx.now).format('YYYYMMDD-HHmmss')}-${randomBytes(6).toString('hex')}.xlsx`
  const fileID = await storeFile(ctx, cloudPath, await yearXlsx(f))
  const url = (await tempUrls(ctx, [fileID], LINK_SECONDS)).get(fileID)
  if (!url) throw new Error('no link for the exported file')
  return { url, fileName, expiresAt: new Date(ctx.now.getTime() + LINK_SECONDS * 1000) }
}
