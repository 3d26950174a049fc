import { z } from 'zod'
import { AppError } from '../../shared/contract'
import { Phone } from '../../shared/membership/schemas'
import type { Ctx } from '../context'

const PhoneAnswer = z.object({ phoneInfo: z.object({ purePhoneNumber: z.string(), countryCode: z.string() }) })

/**
 * 手机号快速验证 (domain.md B7): trades the one-time code from `<Button openType="getPhoneNumber">`
 * for the number, through the cloud call `phonenumber.getPhoneNumber` (config.json permission).
 */
export async function phoneFromCode(ctx: Ctx, code: string): Promise<string> {
  let answer: unknown
  try {
    answer = await ctx.cloud.openapi.phonenumber.getPhoneNumber({ code })
  } catch (err) {
    // 40029: expired or used code (valid 5 minutes, once); 1400001: the account's quota is used up.
    const errCode = z.object({ errCode: z.number() }).safeParse(err)
    console.warn(`[membership] getPhoneNumber refused the code (errCode ${errCode.success ? errCode.data.errCode : 'unknown'})`)
    throw new AppError('INVALID_INPUT', '手机号授权已失效，请再点一次“使用微信绑定的手机号”', { code: '手机号授权已失效' })
  }
  const parsed = PhoneAnswer.safeParse(answer)
  if (!parsed.success) {
    console.error('[membership] getPhoneNumber answered without phoneInfo')
    throw new AppError('INTERNAL')
  }
  if (parsed.data.phoneInfo.countryCode !== '86') {
    throw new AppError('INVALID_INPUT', '暂时只支持中国大陆手机号', { code: '暂时只支持中国大陆手机号' })
  }
  const phone = Phone.safeParse(parsed.data.phoneInfo.purePhoneNumber)
  if (!phone.success) throw new AppError('INVALID_INPUT', '这个手机号无法使用，请换一个', { code: '手机号格式不正确' })
  return phone.data
}
