import { z } from 'zod'
import { formatDateTime } from '../../shared/date'
import type { LocalCloud } from '..'
import { timePage } from '../devPages'
import { readBody, sendBytes, type Route } from '../server'
import { endNoticeNow, listMovableEvents, listOpenNotices, startEventNow } from './clock'

const Move = z.object({ action: z.enum(['startEvent', 'endNotice']), id: z.string().min(1).max(80) })

/** GET/POST /dev/time, mounted only with dev sign-in (local mode): the demo's clock, one record at a time. */
export function demoTimeRoute(cloud: () => LocalCloud): Route {
  const show = async (res: Parameters<Route>[1], status: number, done: string) => {
    const events = (await listMovableEvents()).map((e) => ({ id: e._id, title: e.title, when: `开始 ${formatDateTime(e.startAt)}` }))
    const notices = (await listOpenNotices()).map((n) => ({ id: n._id, title: `${n.maskedName} · ${n.unitName}`, when: `公示到 ${formatDateTime(n.endsAt)}` }))
    sendBytes(res, status, 'text/html; charset=utf-8', timePage(events, notices, done), { 'cache-control': 'no-store' })
  }
  return async (req, res, url) => {
    if (url.pathname !== '/dev/time') return false
    if (req.method === 'GET') {
      await show(res, 200, '')
      return true
    }
    if (req.method !== 'POST') return false
    const raw = await readBody(req, 4096)
    const move = Move.safeParse(Object.fromEntries(new URLSearchParams(raw === 'too-large' ? '' : raw.toString('utf8'))))
    if (!move.success) {
      await show(res, 400, '没有这条演示记录，请从下面选择。')
      return true
    }
    if (move.data.action === 'startEvent') {
      const event = await startEventNow(move.data.id)
      await show(res, 200, `“${event.title}”已在30分钟前开始，现在可以签到。`)
    } else {
      await endNoticeNow(cloud(), move.data.id)
      await show(res, 200, '公示已期满，申请进入待发放。')
    }
    return true
  }
}
