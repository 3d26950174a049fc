/**
 * What a person agrees to, in plain words (PIPL Art. 17: who, why, what, how long, your rights;
 * Art. 29–30: the ID number gets its own, separate consent). Bump the version when the text changes:
 * a new version asks again (Art. 14).
 */
// 2026-12: 是否农民工 added to what is collected, with its purpose (asked again of everyone who agreed before)
export const PRIVACY_POLICY_VERSION = '2026-12'
export const ID_NUMBER_CONSENT_VERSION = '2025-01'

/**
 * 是否农民工, as every notice states it: asked on the profile and carried into the join application for
 * the federation's 农民工入会 figures (年度数据 counts heads only); the union's roster can be filtered on it.
 */
export const migrantPurpose = '是否农民工（户籍在农村、进城务工）：用于工会统计农民工入会情况，上级工会的年度数据里只有人数；您所在工会的会员名册能看到这一项。'

export const privacyPolicySummary = {
  title: '工会通个人信息保护说明',
  points: [
    '谁在处理：您申请加入的工会及其上级工会（朝阳区总工会）。',
    '收集什么：姓名、手机号、工作单位、岗位、是否农民工；入会时另需身份证号（单独征得同意）。',
    '做什么用：办理入会、转会、发放电子会员证、联系您办理工会事务，不作其他用途。',
    migrantPurpose,
    '保存多久：会籍存续期间；退会或申请未通过的，相关资料保存不超过2年后删除。',
    '您的权利：可随时查看、更正资料，或退会并要求删除；有疑问请联系所在工会。',
  ],
}

export const idNumberConsentText = {
  title: '身份证号单独授权',
  points: [
    '用途：核实身份、防止重复入会，并在转会时接续会籍。',
    '保护：加密保存，页面和消息中只显示部分号码（如 1101**********1234）；只有审批您申请的工会干部在必要时可查看完整号码，每次查看都会留下记录。',
    '影响：不同意也可以浏览工会信息，但无法提交入会申请。',
  ],
}
