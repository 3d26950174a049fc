import type { Handler } from '../../../../server/createFunction'
import { uploadChunk as put } from '../../../../server/aid/uploads'
import type { aidActions } from '../../../../shared/aid/actions'

export const uploadChunk: Handler<typeof aidActions.uploadChunk> = (input, ctx) => put(ctx, input)
