import type { Handler } from '../../../../server/createFunction'
import { resolveSubject } from '../../../../server/aid/subject'
import { startUpload as start } from '../../../../server/aid/uploads'
import type { aidActions } from '../../../../shared/aid/actions'

export const startUpload: Handler<typeof aidActions.startUpload> = async (input, ctx) => {
  const subject = await resolveSubject(ctx, input.proxyId)
  return start(ctx, subject.openid, input)
}
