/**
 * 单独同意 texts for aid (PIPL Art. 29–31): why each sensitive item is needed, who sees it, how long
 * it is kept. A change of wording bumps the version, and people are asked again (Art. 14).
 */
export const AID_CONSENT_VERSION = '2025-1'

export const sensitiveAidConsentText = [
  '申请帮扶需要用到以下敏感个人信息：身份证号、家庭收入、病情诊断、残疾情况、银行卡号，以及身份证、户口簿、病历等材料的照片。',
  '用途：仅用于核实您家的困难情况、审批帮扶申请、建立困难职工档案和把帮扶款打到您本人的银行卡。',
  '谁能看到：只有审批这份申请的工会干部能看到；身份证号、银行卡号等完整内容每次查看都会留下记录。',
  '公示时只显示姓氏（如“张*”）、单位、帮扶项目和金额，不显示身份证号、病情、住址和银行卡。',
  '保存期限：未通过或撤回的申请，材料在办结满1年后自动删除；通过的申请随困难职工档案保存，按档案管理的期限删除。',
  '不同意不影响您使用工会通的其他功能，但无法在线提交帮扶申请。',
] as const

export const guardianConsentText = [
  '孩子未满14周岁，孩子的姓名、身份证号和学校属于未成年人个人信息，需要监护人同意后才能提交。',
  '这些信息只用于金秋助学的审核和“每个孩子每年只资助一次”的核对，公示时不显示孩子的任何信息。',
  '我是孩子的父母或其他监护人，同意工会为上述目的处理孩子的信息。',
] as const

export const proxyConsentText = [
  '我同意由工会干部代我填写并提交帮扶申请，申请内容和材料以我提供的为准。',
  '代办人能看到我填写的家庭情况，审批结果会同时通知我本人。',
] as const
