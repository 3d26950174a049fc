import type { ProxyDoc } from '../../shared/aid/records'
import { maskName } from '../../shared/privacy/mask'

/** A 代办 as either side sees it; the other person's name masked except for the worker's own cadre. */
export function toProxyView(p: ProxyDoc, viewerOpenid: string, unionName: string) {
  const isWorker = p.workerOpenid === viewerOpenid
  return {
    id: p._id,
    cadreName: p.cadreName,
    workerName: isWorker ? p.workerName : maskName(p.workerName),
    unionName,
    status: p.status,
    createdAt: p.createdAt,
    isWorker,
  }
}
