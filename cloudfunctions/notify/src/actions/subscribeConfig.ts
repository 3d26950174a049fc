import type { Handler } from '../../../../server/createFunction'
import { loadNotifySettings } from '../../../../server/notify/config'
import type { notifyActions } from '../../../../shared/notify/actions'

/** Template ids for wx.requestSubscribeMessage: the client caches them so the popup opens inside the tap, before any await. */
export const subscribeConfig: Handler<typeof notifyActions.subscribeConfig> = async (_input, ctx) => ({
  templateIds: (await loadNotifySettings(ctx.db)).templateIds,
})
