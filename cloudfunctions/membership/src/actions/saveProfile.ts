import type { Handler } from '../../../../server/createFunction'
import { profileView, consentsOf, requireMembershipConsents, updateProfile } from '../../../../server/membership/profiles'
import { sealSensitive, keyedHash } from '../../../../server/privacy/crypto'
import { txGet, txRemove, txSet } from '../../../../server/requests/tx'
import { AppError } from '../../../../shared/contract'
import type { membershipActions } from '../../../../shared/membership/actions'
import { IdClaimRecord } from '../../../../shared/membership/records'

const ClaimOwner = IdClaimRecord.pick({ openid: true })
import { ageOn, birthDateOf, sexOf } from '../../../../shared/privacy/idNumber'

const CLAIMS = 'member_id_claims'
/** 劳动法 Art. 15: employers may not hire anyone under 16, so nobody younger is a worker who may join. */
const MIN_AGE = 16

/**
 * Saves name, phone (typed on H5), employer, job and — after its separate consent — the ID number,
 * sealed (encrypted + keyed hash + masked). One ID number belongs to one account: the keyed hash is
 * claimed in the same transaction, so two accounts racing with the same number cannot both win.
 */
export const saveProfile: Handler<typeof membershipActions.saveProfile> = async (input, ctx) => {
  const idNumber = input.idNumber
  await requireMembershipConsents(ctx, { idNumber: idNumber !== undefined })
  if (idNumber !== undefined && ageOn(idNumber, ctx.now) < MIN_AGE) {
    throw new AppError('INVALID_INPUT', '未满16周岁不能加入工会', { idNumber: '未满16周岁不能加入工会' })
  }
  // seal outside the transaction: encryption is pure CPU and must not run again on a retry
  const sealed = idNumber === undefined ? null : sealSensitive(idNumber, 'idNumber')
  const hash = idNumber === undefined ? null : keyedHash(idNumber)

  const saved = await updateProfile(ctx, async (tx, before) => {
    const changesId = sealed !== null && before.idNumber?.hash !== hash
    if (changesId && (before.currentMembershipId !== null || before.openRequest !== null)) {
      throw new AppError('CONFLICT', '已入会或有申请在办理中，修改身份证号请联系所在工会', { idNumber: '已入会或有申请在办理中，不能自行修改' })
    }
    if (changesId && sealed && hash) {
      const claim = await txGet(tx, CLAIMS, hash)
      if (claim !== null && ClaimOwner.parse(claim).openid !== ctx.openid) {
        throw new AppError('CONFLICT', '这个身份证号已被另一个微信账号使用。如果是您本人的号码，请联系所在工会核实', {
          idNumber: '这个身份证号已被另一个微信账号使用',
        })
      }
      await txSet(tx, CLAIMS, hash, { openid: ctx.openid, claimedAt: ctx.now })
      if (before.idNumber) await txRemove(tx, CLAIMS, before.idNumber.hash)
    }
    return {
      ...before,
      name: input.name,
      phone: input.phone ?? before.phone,
      phoneVerified: input.phone !== undefined && input.phone !== before.phone ? false : before.phoneVerified,
      idNumber: changesId && sealed ? sealed : before.idNumber,
      gender: changesId && idNumber ? sexOf(idNumber) : before.gender,
      birthYear: changesId && idNumber ? birthDateOf(idNumber).year : before.birthYear,
      workerType: input.workerType,
      employer: input.employer,
      job: input.job,
      area: input.area,
    }
  })
  return profileView(saved, await consentsOf(ctx))
}
