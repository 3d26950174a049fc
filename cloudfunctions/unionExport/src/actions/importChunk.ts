import type { Handler } from '../../../../server/createFunction'
import { importChunk as put } from '../../../../server/union/duesImport'
import type { unionExportActions } from '../../../../shared/union/exports'

/** 导入会费, step 2: one base64 chunk of the file. */
export const importChunk: Handler<typeof unionExportActions.importChunk> = async (input, ctx) => put(ctx, input)
