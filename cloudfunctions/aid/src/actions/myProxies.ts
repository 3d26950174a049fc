import type { Handler } from '../../../../server/createFunction'
import { findMany } from '../../../../server/db'
import { AID } from '../../../../server/aid/collections'
import { toProxyView } from '../../../../server/aid/proxy'
import type { aidActions } from '../../../../shared/aid/actions'
import { ProxyDoc } from '../../../../shared/aid/records'
import { Union } from '../../../../shared/domain/union'

/** 代办: requests waiting for the worker's answer, and the workers a cadre may file for. */
export const myProxies: Handler<typeof aidActions.myProxies> = async (_input, ctx) => {
  const [asWorker, asCadre] = await Promise.all([
    findMany(ctx.db.collection(AID.proxies).where({ workerOpenid: ctx.openid }).orderBy('createdAt', 'desc'), ProxyDoc, 20),
    findMany(ctx.db.collection(AID.proxies).where({ cadreOpenid: ctx.openid }).orderBy('createdAt', 'desc'), ProxyDoc, 50),
  ])
  const all = [...asWorker, ...asCadre]
  const _ = ctx.db.command
  const unions = all.length ? await findMany(ctx.db.collection('unions').where({ _id: _.in([...new Set(all.map((p) => p.unionId))]) }), Union, 50) : []
  return { items: all.map((p) => toProxyView(p, ctx.openid, unions.find((u) => u._id === p.unionId)?.name ?? '')) }
}
