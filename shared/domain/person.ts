import { z } from 'zod'

/** 姓名 and 手机号 as every form asks for them (入会, 领队 …); small on purpose, so any page may import it. */
export const PersonName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(2, '请填写真实姓名（至少2个字）')
  .max(20, '姓名最多20个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母或“·”')

export const Phone = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写11位手机号码')
