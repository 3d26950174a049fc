import { z } from 'zod'

/**
 * What a consent is for. PIPL Art. 29 wants a separate consent (单独同意) per purpose for sensitive
 * information; Art. 31 a guardian's consent for a child under 14; Art. 14 asks again when the text changes.
 */
export const ConsentPurpose = z.enum(['privacy_policy', 'id_number', 'sensitive_aid', 'guardian_minor', 'proxy_filing'])
export type ConsentPurpose = z.infer<typeof ConsentPurpose>

export const consentPurposeLabel: Record<ConsentPurpose, string> = {
  privacy_policy: '个人信息保护说明',
  id_number: '身份证号单独授权',
  sensitive_aid: '帮扶申请敏感信息单独授权',
  guardian_minor: '未满14周岁子女信息的监护人同意',
  proxy_filing: '委托工会干部代为申请',
}

/** Text the person sees when a consent is missing (FORBIDDEN). */
export const consentMissingMessage: Record<ConsentPurpose, string> = {
  privacy_policy: '请先阅读并同意《个人信息保护说明》',
  id_number: '请先同意身份证号的单独授权，再继续',
  sensitive_aid: '帮扶申请需要用到收入、病情、银行卡等信息，请先阅读说明并单独同意',
  guardian_minor: '孩子未满14周岁，需要监护人同意后才能提交孩子的信息',
  proxy_filing: '代为申请需要先记录职工本人的同意',
}

export const ConsentVersion = z.string().trim().min(1).max(20)
