import type { Handler } from '../../../../server/createFunction'
import { startImport as start } from '../../../../server/union/duesImport'
import type { unionExportActions } from '../../../../shared/union/exports'

/** 导入会费, step 1: a slot for the XLSX the chair picked. */
export const startImport: Handler<typeof unionExportActions.startImport> = async (input, ctx) => start(ctx, input)
