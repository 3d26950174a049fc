import { z } from 'zod'

/**
 * 会籍 status of one stint at one union (a `memberships` doc). Membership follows the job:
 * 一次入会、动态接转 (《工会会员会籍管理办法》 Art. 3) — a transfer closes one stint and opens the next.
 */
export const StintStatus = z.enum(['active', 'transferred', 'retained', 'left', 'expelled'])
export type StintStatus = z.infer<typeof StintStatus>

export const stintStatusLabel: Record<StintStatus, string> = {
  active: '正常',
  transferred: '已转出',
  retained: '保留会籍',
  left: '已退会',
  expelled: '已除名',
}

/** Why a member keeps membership without working there (Beijing 2020 rules, domain.md A3). */
export const RetainReason = z.enum(['retired', 'unemployed', 'internal_retirement', 'employer_closed'], {
  error: '请选择保留会籍的原因',
})
export type RetainReason = z.infer<typeof RetainReason>
export const retainReasonLabel: Record<RetainReason, string> = {
  retired: '退休',
  unemployed: '失业（待业）',
  internal_retirement: '内部退养',
  employer_closed: '单位关闭或破产',
}

export type StintChange = 'retain' | 'resume' | 'leave' | 'transferOut'

const allowed: Record<StintChange, readonly StintStatus[]> = {
  retain: ['active'],
  resume: ['retained'],
  leave: ['active', 'retained'],
  // a retained member who finds a new job moves on (re-employed → 转会)
  transferOut: ['active', 'retained'],
}

const target: Record<StintChange, StintStatus> = {
  retain: 'retained',
  resume: 'active',
  leave: 'left',
  transferOut: 'transferred',
}

const refusal: Record<StintChange, string> = {
  retain: '只有正常状态的会员可以申请保留会籍',
  resume: '只有保留会籍的会员可以恢复正常会籍',
  leave: '您当前没有可退出的会籍',
  transferOut: '您当前没有可转出的会籍',
}

/** The status a stint moves to, or a Chinese reason why the change is not possible. */
export function changeStint(current: StintStatus, change: StintChange): { ok: true; status: StintStatus } | { ok: false; reason: string } {
  return allowed[change].includes(current) ? { ok: true, status: target[change] } : { ok: false, reason: refusal[change] }
}

/** A stint that still makes the person a member (active or retained): at most one per person. */
export const isCurrentStint = (status: StintStatus): boolean => status === 'active' || status === 'retained'
