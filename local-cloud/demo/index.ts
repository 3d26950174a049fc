import type { LocalCloud } from '..'
import { createDemoAid } from './aid'
import { createDemoEvents } from './events'

/**
 * The demo on its first start (an empty data directory): events at every stage, one under way, and aid
 * applications at 初审 and past their 公示, all relative to today so every stage can be shown on any date.
 * Later starts find the events and change nothing. Returns what it made, for the start-up message.
 */
export async function prepareDemo(cloud: LocalCloud): Promise<string | null> {
  const events = await createDemoEvents(cloud)
  if (events === 0) return null
  await createDemoAid(cloud)
  return `演示数据已准备：${events} 个活动（其中 1 个正在进行），2 份金秋助学申请（1 份待初审，1 份公示已结束待发放）`
}
