import { defineActions } from '../contract/action'
import { ExportYearInput, ExportYearResult, RebuildStatsInput, RebuiltStats } from './figures'

/**
 * The `stats` cloud function: the slow, rare work of 年度数据 on its own (the Excel writer, a rebuild
 * that reads every record), with its own time limit; the figures themselves are union.yearFigures.
 */
export const statsActions = defineActions('stats', {
  /** federation root staff only: count every union's years again from the records */
  rebuild: [RebuildStatsInput, RebuiltStats],
  /** every table of a union's year as an XLSX file, answered as a ten-minute link */
  exportYear: [ExportYearInput, ExportYearResult],
})
