import { z } from 'zod'
import { defineActions } from '../contract/action'

/**
 * The inbox badge's count on its own: the tabs (main package) read it on every show, and importing it from
 * here keeps the templates and inbox schemas of `notifyActions` (which includes it) in the subpackages.
 */
export const unreadActions = defineActions('notify', {
  unreadCount: [z.object({}), z.object({ count: z.number().int().min(0) })],
})
