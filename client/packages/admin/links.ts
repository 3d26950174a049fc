/** Links the admin pages share as QR codes: H5 a normal link, weapp the same path under the domain for 扫普通链接二维码打开小程序. */
const origin = (): string => (__TARGET__ === 'h5' ? window.location.origin : 'https://ght.invalid')

/** 集体入会: whoever opens it lands on the join form of that union. */
export const joinLink = (inviteCode: string): string => `${origin()}/packages/membership/join/index?invite=${encodeURIComponent(inviteCode)}`

/** 任职邀请: the page that accepts it, from the `path` the server returned. */
export const acceptLink = (path: string): string => `${origin()}/${path}`
