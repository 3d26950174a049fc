import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.locale('zh-cn')

/** Every date a person reads is in China Standard Time, whatever the phone or server says. */
export const TZ = 'Asia/Shanghai'

export const inChina = (d: Date | string | number) => dayjs(d).tz(TZ)
export const formatDate = (d: Date | string | number) => inChina(d).format('YYYY年M月D日')
export const formatDateTime = (d: Date | string | number) => inChina(d).format('YYYY年M月D日 HH:mm')
/** "3天前"-style age of a pending item, in whole days/hours. */
export function formatAge(from: Date | string | number, now: Date | number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((Number(now) - new Date(from).getTime()) / 60000))
  if (minutes < 60) return `${minutes}分钟前`
  if (minutes < 60 * 24) return `${Math.floor(minutes / 60)}小时前`
  return `${Math.floor(minutes / 1440)}天前`
}
export { dayjs }
