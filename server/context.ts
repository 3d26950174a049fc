import type { DB } from 'wx-server-sdk'
import type { RoleGrant } from '../shared/domain/union'

export type CloudSdk = typeof import('wx-server-sdk')
export type Database = DB.Database

/** What every handler receives besides its parsed input. Identity comes only from getWXContext(). */
export interface Ctx {
  /** caller's openid from cloud.getWXContext(); '' only for timer triggers */
  readonly openid: string
  readonly appid: string
  /** the caller's roles, read from the `roles` collection for this invocation */
  readonly grants: RoleGrant[]
  readonly db: Database
  readonly cloud: CloudSdk
  /** one clock per invocation, so a handler's timestamps agree with each other */
  readonly now: Date
}
