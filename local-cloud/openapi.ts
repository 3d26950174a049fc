/**
 * `cloud.openapi.*` as wx-server-sdk 4.0.2 sends it: a multipart POST to /admin with action
 * `wx.openApi`, apiName (e.g. `subscribeMessage.send`) and requestData = protobuf `CommApiData`
 * { 1 apiType, 2 openapiData { 1 repeated KeyValuePair { 1 key, 2 value (JSON bytes), 3 contenttype, 4 filename } }, 6 appid }.
 * The answer is protobuf `CommOpenApiResp` { 1 respData (JSON bytes), 2 contentType, 3 errorCode, 4 httpCode }.
 */

import { LOCAL_APPID } from './runner'

/** One captured subscribe message (订阅消息). */
export interface SentMessage {
  templateId: string
  touser: string
  page?: string
  data: Record<string, unknown>
  miniprogramState?: string
  lang?: string
  at: Date
}

export type OutboxMode = 'ok' | '43101' | 'fail'

export interface Outbox {
  list(): SentMessage[]
  clear(): void
  setMode(mode: OutboxMode): void
}

export interface OpenApiReply {
  contentType: string
  body: Buffer
}

// --- protobuf wire format: just varints and length-delimited fields, which is all these messages use ---

interface Field {
  no: number
  varint?: number
  bytes?: Buffer
}

function readVarint(buf: Buffer, pos: number): [number, number] {
  let value = 0
  let scale = 1
  for (let i = pos; i < buf.length; i++) {
    const byte = buf[i]
    value += (byte & 0x7f) * scale
    scale *= 128
    if (byte < 0x80) return [value, i + 1]
  }
  throw new Error('truncated varint')
}

function decodeFields(buf: Buffer): Field[] {
  const fields: Field[] = []
  let pos = 0
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos)
    const no = Math.floor(tag / 8)
    const wireType = tag & 7
    if (wireType === 0) {
      const [varint, next] = readVarint(buf, afterTag)
      fields.push({ no, varint })
      pos = next
    } else if (wireType === 2) {
      const [len, start] = readVarint(buf, afterTag)
      if (start + len > buf.length) throw new Error('truncated field')
      fields.push({ no, bytes: buf.subarray(start, start + len) })
      pos = start + len
    } else {
      throw new Error(`unsupported wire type ${wireType}`)
    }
  }
  return fields
}

function varint(n: number): Buffer {
  const out: number[] = []
  let v = n >>> 0
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v >>>= 7
  }
  out.push(v)
  return Buffer.from(out)
}

const bytesField = (no: number, bytes: Buffer) => Buffer.concat([varint(no * 8 + 2), varint(bytes.length), bytes])
const varintField = (no: number, n: number) => Buffer.concat([varint(no * 8), varint(n)])

/** The `{ key: value }` an openapi call was made with (keys already snake_case, as the SDK converts them). */
export function decodeOpenApiRequest(requestData: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  const openapiData = decodeFields(requestData).find((f) => f.no === 2)?.bytes
  for (const pair of openapiData ? decodeFields(openapiData) : []) {
    if (pair.no !== 1 || !pair.bytes) continue
    const kv = decodeFields(pair.bytes)
    const key = kv.find((f) => f.no === 1)?.bytes?.toString('utf8')
    const value = kv.find((f) => f.no === 2)?.bytes ?? Buffer.alloc(0)
    const isFile = kv.some((f) => f.no === 3)
    if (!key) continue
    params[key] = isFile ? value : JSON.parse(value.toString('utf8'))
  }
  return params
}

export function encodeOpenApiResponse(json: unknown): Buffer {
  return Buffer.concat([
    bytesField(1, Buffer.from(JSON.stringify(json))),
    bytesField(2, Buffer.from('application/json; charset=utf-8')),
    varintField(4, 200),
  ])
}

// --- the emulated APIs ---

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** WeChat's own error for a user with no subscription balance for this template. */
const ERR_43101 = { errcode: 43101, errmsg: 'user refuse to accept the msg (local-cloud outbox mode 43101)' }
const ERR_SYSTEM = { errcode: -1, errmsg: 'system error (local-cloud outbox mode fail)' }

export function createOpenApi() {
  let sent: SentMessage[] = []
  let mode: OutboxMode = 'ok'

  function sendSubscribeMessage(p: Record<string, unknown>) {
    const templateId = str(p.template_id)
    const touser = str(p.touser)
    if (!touser) return { errcode: 40003, errmsg: 'invalid openid: touser is required' }
    if (!templateId) return { errcode: 40037, errmsg: 'invalid template_id' }
    if (!isRecord(p.data)) return { errcode: 47003, errmsg: 'argument invalid! data is required' }
    if (mode === '43101') return ERR_43101
    if (mode === 'fail') return ERR_SYSTEM
    sent.push({
      templateId,
      touser,
      page: str(p.page),
      data: p.data,
      miniprogramState: str(p.miniprogram_state),
      lang: str(p.lang),
      at: new Date(),
    })
    return { errcode: 0, errmsg: 'ok' }
  }

  /** Local runs only: code `demo-13800000000` → phone 13800000000. Any other code is rejected like an expired one. */
  function getPhoneNumber(p: Record<string, unknown>) {
    const match = /^demo-(1\d{10})$/.exec(str(p.code) ?? '')
    if (!match) return { errcode: 40029, errmsg: 'invalid code (local-cloud accepts demo-<11 digit phone>)' }
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: match[1],
        purePhoneNumber: match[1],
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: LOCAL_APPID },
      },
    }
  }

  const apis: Record<string, (p: Record<string, unknown>) => unknown> = {
    'subscribeMessage.send': sendSubscribeMessage,
    'phonenumber.getPhoneNumber': getPhoneNumber,
  }

  const outbox: Outbox = {
    list: () => sent.map((m) => ({ ...m })),
    clear: () => {
      sent = []
    },
    setMode: (next) => {
      mode = next
    },
  }

  /** Answers one `wx.openApi` request. An API this emulator does not know fails loudly, naming itself. */
  function call(apiName: string, requestData: Buffer | undefined): OpenApiReply {
    const api = apis[apiName]
    if (!api) return tcbError('INVALID_PARAM', `[local-cloud] 本地云未模拟 openapi.${apiName}（只支持 ${Object.keys(apis).join('、')}）`)
    let params: Record<string, unknown>
    try {
      params = decodeOpenApiRequest(requestData ?? Buffer.alloc(0))
    } catch (err) {
      return tcbError('INVALID_PARAM', `[local-cloud] openapi.${apiName} 请求无法解码：${String(err)}`)
    }
    return { contentType: 'application/octet-stream', body: encodeOpenApiResponse(api(params)) }
  }

  return { outbox, call }
}

/** A TCB-level error: node-sdk parses it as JSON only when the content-type is exactly this. */
export function tcbError(code: string, message: string): OpenApiReply {
  return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify({ code, message })) }
}
