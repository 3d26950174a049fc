import type { Handler } from '../../../../server/createFunction'
import { exportRoster as write } from '../../../../server/union/rosterExport'
import type { unionExportActions } from '../../../../shared/union/exports'

/** 导出会员名册: XLSX, masked unless the caller may see full numbers and asks for them (audited). */
export const exportRoster: Handler<typeof unionExportActions.exportRoster> = async (input, ctx) => write(ctx, input)
