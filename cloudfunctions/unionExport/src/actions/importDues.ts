import type { Handler } from '../../../../server/createFunction'
import { importDues as read } from '../../../../server/union/duesImport'
import type { unionExportActions } from '../../../../shared/union/exports'

/** 导入会费, step 3: every row checked against the roster, every month recorded, or nothing. */
export const importDues: Handler<typeof unionExportActions.importDues> = async ({ importId }, ctx) => read(ctx, importId)
