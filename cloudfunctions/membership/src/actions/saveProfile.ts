import type { Handler } from '../../../../server/createFunction'
import { profileView, consentsOf, requireMembershipConsents, updateProfile } from '../../../../server/membership/profiles'
import { claimIdNumber, releaseIdClaim } from '../../../../server/membership/idClaims'
import { sealSensitive } from '../../../../server/privacy/crypto'
import { AppError } from '../../../../shared/contract'
import type { membershipActions } from '../../../../shared/membership/actions'
import { ageOn, birthDateOf, sexOf } from '../../../../shared/privacy/idNumber'

/** 劳动法 Art. 15: employers may not hire anyone under 16, so nobody younger is a worker who may join. */
const MIN_AGE = 16

/**
 * Saves name, phone (typed on H5), employer, job and — after its separate consent — the ID number,
 * sealed (encrypted + keyed hash + masked). The answer is the same whether the number is free or
 * used by another account (server/membership/idClaims.ts decides, in the same transaction, whether
 * this account's use of it counts or waits for the union to check in person).
 */
export const saveProfile: Handler<typeof membershipActions.saveProfile> = async (input, ctx) => {
  const idNumber = input.idNumber
  await requireMembershipConsents(ctx, { idNumber: idNumber !== undefined })
  if (idNumber !== undefined && ageOn(idNumber, ctx.now) < MIN_AGE) {
    throw new AppError('INVALID_INPUT', '未满16周岁不能加入工会', { idNumber: '未满16周岁不能加入工会' })
  }
  // seal outside the transaction: encryption is pure CPU and must not run again on a retry
  const sealed = idNumber === undefined ? null : sealSensitive(idNumber, 'idNumber')

  const saved = await updateProfile(ctx, async (tx, before) => {
    const changesId = sealed !== null && before.idNumber?.hash !== sealed.hash
    if (changesId && (before.currentMembershipId !== null || before.openRequest !== null)) {
      throw new AppError('CONFLICT', '已入会或有申请在办理中，修改身份证号请联系所在工会', { idNumber: '已入会或有申请在办理中，不能自行修改' })
    }
    const phone = input.phone ?? before.phone
    const phoneVerified = input.phone !== undefined && input.phone !== before.phone ? false : before.phoneVerified
    let idPending = before.idPending
    // a pending number saved again may now carry the proof (a WeChat-verified phone), so it is looked at again
    if (sealed !== null && (changesId || before.idPending === true)) {
      if (changesId && before.idNumber) await releaseIdClaim(tx, before.idNumber.hash, ctx.openid)
      idPending = (await claimIdNumber(tx, sealed.hash, { openid: ctx.openid, phone, phoneVerified }, ctx.now)) === 'pending'
    }
    return {
      ...before,
      name: input.name,
      phone,
      phoneVerified,
      idNumber: changesId && sealed ? sealed : before.idNumber,
      idPending,
      gender: changesId && idNumber ? sexOf(idNumber) : before.gender,
      birthYear: changesId && idNumber ? birthDateOf(idNumber).year : before.birthYear,
      workerType: input.workerType,
      migrant: input.migrant ?? before.migrant,
      employer: input.employer,
      job: input.job,
      area: input.area,
    }
  })
  return profileView(saved, await consentsOf(ctx))
}
