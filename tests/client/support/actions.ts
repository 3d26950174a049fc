import { z } from 'zod'
import { defineActions } from '../../../shared/contract'

/** A small action set for the api tests, declared the way every domain declares its own. */
export const testActions = defineActions('demo', {
  greet: [
    z.object({ name: z.string().trim().min(1, '请填写姓名'), age: z.number().int().min(16, '年满16周岁才能入会') }),
    z.object({ greeting: z.string(), joinedAt: z.coerce.date() }),
  ],
})
