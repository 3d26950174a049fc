import type { Handler } from '../../../../server/createFunction'
import { finishUpload as finish } from '../../../../server/aid/uploads'
import type { aidActions } from '../../../../shared/aid/actions'

export const finishUpload: Handler<typeof aidActions.finishUpload> = (input, ctx) => finish(ctx, input)
