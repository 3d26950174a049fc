import { z } from 'zod'
import { defineActions } from '../contract/action'
import { RosterStatus } from './admin'
import { UnionId } from './schemas'

/**
 * `unionExport`: the roster as an XLSX file and a dues XLSX read back in, in a function of its own so the
 * Excel reader and writer stay out of the `union` function every phone calls (like eventsExport).
 */

export const ExportRosterInput = z.object({
  unionId: UnionId,
  /** federation staff: the whole subtree under `unionId` */
  subtree: z.boolean().default(false),
  status: RosterStatus.optional(),
  /** full phone and ID numbers: only for the chair, vice-chairs and the federation above, and written to the audit log */
  full: z.boolean().default(false),
})
export const ExportedFile = z.object({ url: z.string(), fileName: z.string(), rows: z.number().int(), expiresAt: z.coerce.date(), full: z.boolean() })

/** A dues XLSX of 5,000 rows is about 200 KB; 2 MB leaves room for formatting and stops a wrong file early. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024
/** 60 KB of file a chunk: ≈80 KB of base64 text, under the 100 KB callFunction limit (like aid uploads). */
export const IMPORT_CHUNK_BYTES = 60 * 1024
/** One row per member and month; the same ceiling as a month recorded in one action (DUES_ROSTER_MAX). */
export const IMPORT_MAX_ROWS = 5000
/** The columns of a dues XLSX, in order (第1行). */
export const DUES_IMPORT_COLUMNS = ['会员编号', '姓名', '月份', '金额（元）', '状态', '备注'] as const

export const StartImportInput = z.object({
  unionId: UnionId,
  size: z.number({ error: '请选择文件' }).int().min(1, '文件是空的').max(IMPORT_MAX_BYTES, '文件超过2MB，请确认选的是会费表格'),
})
export const StartedImport = z.object({ importId: z.string(), chunkBytes: z.number().int(), chunkCount: z.number().int() })
const ImportId = z.string({ error: '导入编号不正确' }).regex(/^[a-f0-9]{24}$/, '导入编号不正确')
export const ImportChunkInput = z.object({
  importId: ImportId,
  index: z.number().int().min(0).max(100),
  data: z.string().max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4, '单次上传的内容太大').regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容不正确'),
})
export const ImportedChunk = z.object({ index: z.number().int() })
export const ImportDuesInput = z.object({ importId: ImportId })
export const ImportedDues = z.object({
  rows: z.number().int(),
  months: z.array(z.object({ month: z.string(), monthLabel: z.string(), paid: z.number().int(), exempt: z.number().int(), unpaid: z.number().int(), unlisted: z.number().int(), totalFen: z.number().int() })),
})
export type ImportedDues = z.infer<typeof ImportedDues>

export const unionExportActions = defineActions('unionExport', {
  exportRoster: [ExportRosterInput, ExportedFile],
  startImport: [StartImportInput, StartedImport],
  importChunk: [ImportChunkInput, ImportedChunk],
  importDues: [ImportDuesInput, ImportedDues],
})
