import type { Handler } from '../../../../server/createFunction'
import type { eventsExportActions } from '../../../../shared/events/actions'
import { inChina } from '../../../../shared/date'
import { runInTransaction } from '../../../../server/requests/tx'
import { loadEvent } from '../../../../server/events/access'
import { allRows, publishFile, toCsv, toXlsx } from '../../../../server/events/export'
import { addEventHistory } from '../../../../server/events/history'
import { countsByUnion, unitsFor } from '../../../../server/events/participants'

/**
 * 导出名单 as XLSX or CSV (the list a unit sends upward): written to private storage, answered as a
 * ten-minute link, and recorded in the event's history (who exported which unit, when).
 */
export const exportParticipants: Handler<typeof eventsExportActions.exportParticipants> = async ({ eventId, format, unionId }, ctx) => {
  const event = await loadEvent(ctx, eventId)
  const units = unitsFor(ctx, event, unionId)
  const [rows, { counts }] = await Promise.all([allRows(ctx, event, units), countsByUnion(ctx, event, units)])
  const unitLabel = units ? (rows[0]?.unionName ?? '本单位') : '全部单位'
  const fileName = `${event.title}-报名名单-${inChina(ctx.now).format('YYYYMMDD')}.${format}`
  const content = format === 'xlsx' ? await toXlsx(event, rows, unitLabel, counts) : toCsv(event, rows)
  const { url, expiresAt } = await publishFile(ctx, event._id, fileName, content)
  await runInTransaction(ctx.db, (tx) => addEventHistory(tx, event._id, 'export', ctx, `${format} ${units ? units.join(',') : 'all'} ${rows.length}`))
  return { url, fileName, rows: rows.length, expiresAt }
}
