/** 演示身份: the fixed openids shared by seed data, dev sign-in and tests. */
export interface Persona {
  openid: string
  name: string
  /** who this person is, in the union's own words */
  role: string
  summary: string
}

export const personas: readonly Persona[] = [
  { openid: 'demo-worker', name: '王芳', role: '职工', summary: '北京某科技有限公司工会会员' },
  { openid: 'demo-migrant', name: '李强', role: '农民工', summary: '北京某建筑工程有限公司务工，尚未入会' },
  { openid: 'demo-chair', name: '张建国', role: '基层工会主席', summary: '北京某建筑工程有限公司工会主席' },
  { openid: 'demo-staff', name: '陈静', role: '街道工会联合会干部', summary: '望京街道工会联合会工作人员' },
]

export const personaOf = (openid: string): Persona | undefined => personas.find((p) => p.openid === openid)

/** Openids the dev sign-in makes for 新用户 (a person opening the mini-program for the first time): never a seeded person. */
export const NEW_PERSON_PREFIX = 'dev-new-'
